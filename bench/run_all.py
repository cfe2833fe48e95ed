"""Run every benchmark in bench/ in turn; each prints its own figures."""

import subprocess
import sys
from pathlib import Path

for script in sorted(Path(__file__).parent.glob("*.py")):
    if script.name in {"run_all.py", "__init__.py"}:
        continue
    print(f"== {script.name}")
    subprocess.run([sys.executable, str(script)], check=True)
