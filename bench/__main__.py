"""`make bench`: every benchmark, printed as a table (figures and ratios, never a pass/fail)."""

from bench import assign, outbox, pdf, rendering

if __name__ == "__main__":
    print("SIPINDA benchmarks (ratios are against a baseline measured in the same run)\n")
    for line in [*outbox.run(), *rendering.run(), *pdf.run(), *assign.run()]:
        print(line)
