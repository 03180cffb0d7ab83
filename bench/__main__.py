"""`make bench`: every benchmark, printed as a table (figures and ratios, never a pass/fail)."""

from bench import assign, notifications_burst, outbox, pdf

if __name__ == "__main__":
    print("SIPINDA benchmarks (ratios are against a baseline measured in the same run)\n")
    for line in [*outbox.run(), *pdf.run(), *assign.run(), *notifications_burst.run()]:
        print(line)
