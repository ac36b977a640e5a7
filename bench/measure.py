#!/usr/bin/env python3
"""Run one command and report its wall time and peak memory, the same way for every engine.

Usage: measure.py --stdout FILE --stderr FILE -- COMMAND [ARGS...]

Prints one JSON object on stdout: {"wallSeconds", "maxRssKiB", "cpuSeconds", "otherCpuSeconds",
"exitCode", "signal"}.
The command's own stdout and stderr go to the given files, so its output never mixes with
the measurement. Peak memory is getrusage(RUSAGE_CHILDREN).ru_maxrss after the command has
been waited for: the largest resident set of any descendant that was waited for (KiB on
Linux). This process starts no other children, so the figure belongs to the command alone.

otherCpuSeconds is the CPU time the whole machine spent outside the command while it ran
(from /proc/stat; null where that file does not exist): other processes competing for the
cores make a run slower, and the harness warns when this is large.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time


def busy_cpu_seconds() -> float | None:
    """CPU time all cores have spent busy since boot (user, nice, system, irq, softirq, steal)."""
    try:
        with open('/proc/stat') as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf('SC_CLK_TCK')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--stdout', required=True, help='file that receives the command\'s stdout')
    parser.add_argument('--stderr', required=True, help='file that receives the command\'s stderr')
    parser.add_argument('command', nargs=argparse.REMAINDER, help='-- followed by the command')
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ['--'] else args.command
    if not command:
        parser.error('no command given after --')

    with open(args.stdout, 'wb') as out, open(args.stderr, 'wb') as err:
        busy_before = busy_cpu_seconds()
        started = time.perf_counter()
        try:
            completed = subprocess.run(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, check=False)
        except FileNotFoundError:
            err.write(f'measure.py: command not found: {command[0]}\n'.encode())
            print(json.dumps({'wallSeconds': 0, 'maxRssKiB': 0, 'cpuSeconds': 0, 'otherCpuSeconds': None, 'exitCode': 127, 'signal': None}))
            return 0
        wall = time.perf_counter() - started
        busy_after = busy_cpu_seconds()

    code = completed.returncode
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    other = None if busy_before is None or busy_after is None else max(0.0, busy_after - busy_before - cpu)
    print(json.dumps({
        'wallSeconds': wall,
        'maxRssKiB': usage.ru_maxrss,
        'cpuSeconds': cpu,
        'otherCpuSeconds': other,
        'exitCode': code if code >= 0 else None,
        'signal': -code if code < 0 else None,
    }))
    return 0


if __name__ == '__main__':
    sys.exit(main())
