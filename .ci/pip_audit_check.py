"""Read pip-audit's JSON report: fail on a known vulnerability, tolerate an unreachable database.

Usage: python .ci/pip_audit_check.py REPORT.json
Exit 0 when nothing vulnerable was found (or nothing could be checked, with a
clear message), 1 when a dependency has a known vulnerability that
SECURITY-FINDINGS.md does not list as accepted (its "GHSA-"/"PYSEC-" ids).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def accepted_ids() -> set[str]:
    text = (ROOT / "SECURITY-FINDINGS.md").read_text(encoding="utf-8")
    return set(re.findall(r"\b(?:GHSA-[\w-]+|PYSEC-\d+-\d+|CVE-\d+-\d+)\b", text))


def main(report_path: str) -> int:
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    accepted = accepted_ids()
    open_findings = [
        f"{d['name']} {d.get('version', '')}: {v['id']} "
        f"(sửa ở {', '.join(v.get('fix_versions', []))})"
        for d in audited
        for v in d.get("vulns", [])
        if v["id"] not in accepted and not set(v.get("aliases", [])) & accepted
    ]
    if not audited:
        say(
            "pip-audit: could not reach the advisory database for any package "
            f"({len(dependencies)} skipped); dependencies NOT audited in this run."
        )
        return 0
    say(f"pip-audit: {len(audited)} packages audited, {len(dependencies) - len(audited)} skipped.")
    for line in open_findings:
        say("VULNERABLE: " + line)
    return 1 if open_findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
