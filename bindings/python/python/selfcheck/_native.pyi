from typing import List, Tuple

FUNCTIONS: List[str]

def call(function: str, arguments: str) -> Tuple[bool, str]: ...
