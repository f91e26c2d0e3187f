/* The C binding: every golden case of tests/data/bindings answered byte for byte, and misuse
 * (null pointers, text that is not UTF-8) answered with a status, never a crash.
 * With a FOLDER holding the golden result and a tampered copy, also the folder summary.
 * Usage: golden DATA_DIR [FOLDER]  (tests/data/bindings). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "selfcheck.h"

static char *slurp(const char *dir, const char *name, const char *suffix) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s%s", dir, name, suffix);
    FILE *file = fopen(path, "rb");
    if (!file) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (fread(text, 1, (size_t)size, file) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    text[size] = '\0';
    fclose(file);
    return text;
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: %s DATA_DIR [FOLDER]\n", argv[0]);
        return 2;
    }
    char *list = slurp(argv[1], "cases", ".txt");
    int cases = 0, failures = 0;
    for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
        char name[256], function[64];
        int ok;
        if (sscanf(line, "%255s %63s %d", name, function, &ok) != 3) continue;
        char *arguments = slurp(argv[1], name, ".args.json");
        char *expected = slurp(argv[1], name, ".out.json");
        char *answer = NULL;
        int status = selfcheck_call(function, arguments, &answer);
        int passed = status == (ok ? SELFCHECK_OK : SELFCHECK_ERROR) && answer && strcmp(answer, expected) == 0;
        printf("%s %s\n", passed ? "ok  " : "FAIL", name);
        failures += !passed;
        cases++;
        selfcheck_free(answer);
        free(arguments);
        free(expected);
    }
    free(list);

    char *answer = NULL;
    int misuse = selfcheck_call(NULL, "{}", &answer) == SELFCHECK_MISUSE && answer && strstr(answer, "\"misuse\"");
    selfcheck_free(answer);
    answer = NULL;
    misuse &= selfcheck_call("verify", "{\"result\": \"\xff\"}", &answer) == SELFCHECK_MISUSE;
    selfcheck_free(answer);
    misuse &= selfcheck_call("catalogue", "{}", NULL) == SELFCHECK_MISUSE;
    selfcheck_free(NULL);
    printf("%s misuse\n", misuse ? "ok  " : "FAIL");
    failures += !misuse;

    if (argc == 3) {
        const char *options = "{\"now\": \"2026-12-01T00:00:00Z\", \"lang\": \"en\","
                              " \"register\": \"514400005000031282 65B6 0673 D6ED 884B F01C 2C22 2D82 ADA0\\n\"}";
        answer = NULL;
        int status = selfcheck_summary_folder(argv[2], options, &answer);
        int summarised = status == SELFCHECK_OK && answer && strstr(answer, "\"files\":2,\"accepted\":1,")
                         && strstr(answer, "\"signature\":1,");
        selfcheck_free(answer);
        answer = NULL;
        summarised &= selfcheck_summary_folder("/nonexistent/selfcheck", options, &answer) == SELFCHECK_ERROR
                      && answer && strstr(answer, "\"unreadable-folder\"");
        selfcheck_free(answer);
        printf("%s summary of a folder\n", summarised ? "ok  " : "FAIL");
        failures += !summarised;
    }

    printf("%d golden cases, version %s: %d failed\n", cases, selfcheck_version(), failures);
    return failures ? 1 : 0;
}
