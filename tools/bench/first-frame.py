#!/usr/bin/env python3
"""Time from starting `citynet --data FILE` in a pseudo-terminal to its first frame.

Usage: tools/bench/first-frame.py FILE [RUNS] [BINARY]

The first frame counts as drawn when the loading screen's `Loading` (or the browser's
`Networks`) has been written and the output then pauses for 5 ms. Prints the median, lowest and highest
over RUNS runs (default 9), and when the browser itself was up (`Networks` on screen).
Each run quits with `q`. `--no-cache` is passed, so every run reads and parses the file.
"""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

def run(binary, path):
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        # A 120x40 terminal: a pseudo-terminal starts at 0x0, where nothing is drawn.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.execv(binary, [binary, "--no-cache", "--data", path])
    out = b""
    first = app = None
    while True:
        r, _, _ = select.select([fd], [], [], 0.005)
        now = time.monotonic()
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            if first is None and (b"Loading" in out or b"Networks" in out):
                first = ("pending", now)
            if app is None and b"Networks" in out:
                app = now - start
                os.write(fd, b"q")
        elif first is not None and first[0] == "pending":
            first = ("drawn", first[1] - start)
        if app is not None and first is not None and first[0] == "drawn":
            break
        if now - start > 60:
            os.kill(pid, 9)
            break
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    return first[1], app


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    binary = sys.argv[3] if len(sys.argv) > 3 else "target/release/citynet"
    firsts, apps = [], []
    for _ in range(runs):
        f, a = run(binary, path)
        firsts.append(f * 1000)
        apps.append(a * 1000)
    for name, xs in (("first frame", firsts), ("browser up", apps)):
        print(f"{name}: median {statistics.median(xs):.1f} ms "
              f"(lowest {min(xs):.1f}, highest {max(xs):.1f}; {runs} runs)")
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))


main()
