"""What one failover of ha/ha.sh measure did to the clients, and the report over all rounds.

  summarise.py round N DIR           reads DIR/client-*.log, failover.txt and sessions.txt, writes DIR/summary.json
                                     and prints one line
  summarise.py report DIR CMD MACHINE  prints results.md for the rounds under DIR
"""
import glob
import json
import os
import sys

# The answers each kind of request may get; anything else is a failure of the failover (or of the service).
ALLOWED = {
    "login": {"200", "503"},
    "me": {"200", "503"},
    "logout": {"200", "503"},
    # A logout retried after a 503 finds its session ended (403) when the first attempt did commit.
    "logout-retry": {"200", "403", "503"},
    "me-ended": {"403", "503"},
}


def round_summary(number, directory):
    killed, promoted, writable = (float(v) for v in open(os.path.join(directory, "failover.txt")).read().split()[:3])
    answers = []
    for path in glob.glob(os.path.join(directory, "client-*.log")):
        for line in open(path):
            start, end, kind, status = line.split()
            answers.append((float(start), float(end), kind, status))
    unexpected = [a for a in answers if a[3] not in ALLOWED.get(a[2], set())]
    unavailable = [a for a in answers if a[3] == "503"]
    kept, kept_ok, ended, ended_ok = (int(v) for v in open(os.path.join(directory, "sessions.txt")).read().split())
    before = [a for a in answers if a[1] < killed]
    summary = {
        "round": number,
        "answers": len(answers),
        "per_second_before": round(len(before) / max(max(a[1] for a in before) - min(a[0] for a in before), 0.001), 1)
        if before else 0,
        "load_average": open(os.path.join(directory, "load.txt")).read().strip(),
        "answers_503": len(unavailable),
        "unexpected": len(unexpected),
        "unexpected_examples": [" ".join(a[2:]) for a in unexpected[:5]],
        "stop_to_promoted_s": round(promoted - killed, 2),
        "stop_to_writable_s": round(writable - killed, 2),
        # From the first answer 503 to the end of the last one: how long clients saw the service refuse.
        "seconds_of_503": round(max(a[1] for a in unavailable) - min(a[0] for a in unavailable), 2) if unavailable else 0,
        # From the moment the new primary took a write to the end of the last 503: the service's own part.
        "writable_to_last_503_s": round(max(0, max(a[1] for a in unavailable) - writable), 2) if unavailable else 0,
        "slowest_503_s": round(max(a[1] - a[0] for a in unavailable), 3) if unavailable else 0,
        "kept_sessions": kept,
        "kept_sessions_working": kept_ok,
        "ended_sessions": ended,
        "ended_sessions_refused": ended_ok,
    }
    json.dump(summary, open(os.path.join(directory, "summary.json"), "w"), indent=1)
    print(f"round {number}: {summary['seconds_of_503']} s of 503 ({summary['answers_503']} answers), new primary "
          f"writable {summary['stop_to_writable_s']} s after the stop, last 503 {summary['writable_to_last_503_s']} s "
          f"after that; {summary['unexpected']} unexpected answers; kept sessions working {kept_ok}/{kept}, ended "
          f"sessions refused {ended_ok}/{ended}")


def report(directory, command, machine):
    rounds = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(directory, "round-*", "summary.json")))]
    print(f"# session-auth failover, measured {os.path.basename(directory)} UTC\n")
    print(f"Command: `{command}`  ")
    print(f"Machine: {machine}\n")
    print("| round | load average (1 min) | answers/s before | stop → promoted s | stop → writable s | seconds of 503 | 503 answers | "
          "writable → last 503 s | slowest 503 s | unexpected answers | kept sessions working | ended sessions refused |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rounds:
        print(f"| {r['round']} | {r['load_average']} | {r['per_second_before']} | {r['stop_to_promoted_s']} | {r['stop_to_writable_s']} | "
              f"{r['seconds_of_503']} | {r['answers_503']} | {r['writable_to_last_503_s']} | {r['slowest_503_s']} | "
              f"{r['unexpected']} {' '.join(r['unexpected_examples'])} | {r['kept_sessions_working']}/{r['kept_sessions']} | "
              f"{r['ended_sessions_refused']}/{r['ended_sessions']} |")


if __name__ == "__main__":
    if sys.argv[1] == "round":
        round_summary(int(sys.argv[2]), sys.argv[3])
    else:
        report(*sys.argv[2:5])
