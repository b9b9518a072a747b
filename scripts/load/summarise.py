"""Read locust's CSV statistics and say whether the load passed: print the 50th, 95th and 99th
percentile times per page group and overall, write them as JSON, and exit 1 if any request failed
or the overall 95th percentile is above the ceiling.

    python summarise.py <csv prefix> <p95 ceiling ms> <summary.json>"""

import csv
import json
import sys
from pathlib import Path

PAGE_GROUPS = ["dashboard", "dashboard filtered", "post", "plan", "post risk"]


def main(prefix: str, ceiling_ms: float, summary_path: Path) -> int:
    rows = {}
    with open(f"{prefix}_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            rows[row["Name"]] = row
    overall = rows.get("Aggregated")
    if overall is None or int(overall["Request Count"]) == 0:
        print("No requests were made.")
        return 1

    groups = [name for name in PAGE_GROUPS if name in rows]
    groups += sorted(name for name in rows if name not in PAGE_GROUPS and name != "Aggregated")
    summary = {"ceiling_p95_ms": ceiling_ms, "groups": {}}
    lines = [
        "| page group | requests | failures | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in [*groups, "Aggregated"]:
        row = rows[name]
        figures = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
            "requests_per_second": float(row["Requests/s"]),
        }
        label = "overall" if name == "Aggregated" else name
        summary["groups"][label] = figures
        lines.append(
            f"| {label} | {figures['requests']:,} | {figures['failures']} | "
            f"{figures['p50_ms']:.0f} | {figures['p95_ms']:.0f} | {figures['p99_ms']:.0f} |"
        )
    total = summary["groups"]["overall"]
    summary["passed"] = total["failures"] == 0 and total["p95_ms"] <= ceiling_ms
    summary_path.write_text(json.dumps(summary, indent=2))

    print("\n".join(lines))
    print(f"\n{total['requests_per_second']:.1f} requests a second overall.")
    failed = False
    if total["failures"]:
        print(f"FAILED: {total['failures']} requests failed (see the failures CSV).")
        failed = True
    if total["p95_ms"] > ceiling_ms:
        print(f"FAILED: the overall p95 {total['p95_ms']:.0f} ms is above {ceiling_ms:.0f} ms.")
        failed = True
    if not failed:
        print(f"PASSED: no failures, overall p95 within {ceiling_ms:.0f} ms.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]), Path(sys.argv[3])))
