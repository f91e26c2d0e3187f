from os import PathLike
from typing import List, Tuple

FUNCTIONS: List[str]

def call(function: str, arguments: str) -> Tuple[bool, str]: ...
def summary_of_folder(folder: "str | bytes | PathLike[str] | PathLike[bytes]", options: str) -> Tuple[bool, str]: ...
