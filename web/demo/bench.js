// The page `cargo xtask bench` measures: the widget with no storage, with the built-in
// catalogue or with a generated one of `?criteria=N` criteria.
import { mount, wasmMemoryBytes } from './pkg/selfcheck-widget.js';

/** A valid catalogue of `count` scale criteria worth 2 points each, in areas of up to 99 (ids have two digits). */
function generatedCatalogue(count) {
  const text = (zh, en) => ({ zh, en });
  const areas = [];
  for (let start = 0; start < count; start += 99) {
    const letter = String.fromCharCode(65 + areas.length);
    const criteria = [];
    for (let n = 1; n <= Math.min(99, count - start); n++) {
      criteria.push({
        id: `${letter}${n}`, title: text(`标准 ${letter}${n}`, `Criterion ${letter}${n}`),
        guidance: text('达标要求', 'Guidance'), evidence: text('佐证材料', 'Evidence'),
        clause: { section: '二（一）', quote: '健全自律规约' }, points: 2, kind: 'scale', not_applicable: false,
        action: text('整改', 'Fix'),
      });
    }
    areas.push({ id: letter, title: text(`领域 ${letter}`, `Area ${letter}`), clause: { section: '二', quote: '活动内容' },
      summary: text('生成的领域', 'A generated area'), criteria });
  }
  return {
    format: 1, id: 'generated', version: '1.0.0', title: text('生成的目录', 'Generated catalogue'),
    authority: text('基准测试', 'Benchmark'), source: { title: text('基准测试', 'Benchmark'), date: '2026-01-01' },
    notes: text('仅供基准测试。', 'For benchmarks only.'), total_points: 2 * count,
    grades: [{ id: 'exemplary', min: 900, label: text('示范', 'Exemplary') }, { id: 'rectify', min: 0, label: text('需整改', 'Needs rectification') }],
    veto_grade: 'rectify', areas,
  };
}

const params = new URLSearchParams(location.search);
const count = Number(params.get('criteria') || 0);
const options = { namespace: null };
if (count > 0) options.catalogue = generatedCatalogue(count);
window.selfcheckBench = { handle: await mount(document.getElementById('selfcheck'), options), wasmMemoryBytes };
