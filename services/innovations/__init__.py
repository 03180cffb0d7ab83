"""Innovations: each innovation of the region across the years, whether or not it entered a call:
its profile, stage (inisiatif → uji coba → penerapan), team and history, progress reports,
monitoring visits, its IID evidence and the region's index, and the public catalogue."""
