#!/usr/bin/env python3
"""Summarise a JFR recording's CPU samples: where one benchmark scenario spent the service's time.

    python3 bench/profile.py RECORDING.jfr [--top 25]

Prints the hottest methods by their own samples ("self") and the application and library methods that were
on the stack most often ("on stack"), as shares of all execution samples. Uses the JDK's `jfr` tool.
"""
import argparse
import collections
import json
import subprocess

# Packages worth naming in the "on stack" list: ours and the libraries a request passes through.
PACKAGES = ("org.myoline", "org.hibernate", "com.fasterxml.jackson", "io.smallrye.jwt", "org.jose4j",
            "com.arjuna", "io.agroal", "org.postgresql", "io.micrometer", "org.jboss.resteasy", "io.quarkus",
            "io.vertx", "org.h2", "jakarta.validation", "org.hibernate.validator")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample",
                          args.recording], check=True, capture_output=True, text=True).stdout
    own, on_stack, samples = collections.Counter(), collections.Counter(), 0
    for event in json.loads(raw)["recording"]["events"]:
        trace = event["values"].get("stackTrace")
        if not trace or not trace["frames"]:
            continue
        frames = [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".") for f in trace["frames"]]
        samples += 1
        own[frames[0]] += 1
        for frame in set(frames):
            on_stack[frame] += 1
    print(f"{samples} execution samples")
    if not samples:
        return
    print("\nself (the method was running):")
    for frame, n in own.most_common(args.top):
        print(f"  {100 * n / samples:5.1f}%  {frame}")
    print("\non stack (the method or something it called was running):")
    shown = 0
    for frame, n in on_stack.most_common():
        if frame.startswith(PACKAGES) and shown < 3 * args.top:
            print(f"  {100 * n / samples:5.1f}%  {frame}")
            shown += 1


if __name__ == "__main__":
    main()
