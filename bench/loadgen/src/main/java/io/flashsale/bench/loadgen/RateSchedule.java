package io.flashsale.bench.loadgen;

/**
 * The open-loop send schedule: a sale profile compressed into a run of fixed length at a given peak rate. Arrival
 * {@code k} (0-based) is due at the run time {@code t} where the integral of the rate from 0 to {@code t} reaches
 * {@code k + 0.5}, so a constant rate {@code r} gives evenly spaced sends every {@code 1/r} seconds.
 * <p>
 * The integral is tabulated once (piecewise-constant rate per slice, exact within a slice); look-ups are O(log n) by
 * {@link #intendedNanos(long)} or amortised O(1) through a forward-only {@link Cursor}. Immutable and thread-safe;
 * a cursor belongs to one thread.
 */
public final class RateSchedule
{
    private static final int MAX_SLICES = 200_000;

    private final SaleProfile profile;
    private final double peakRate;
    private final long durationNanos;
    private final int slices;
    private final double sliceNanos;
    private final double[] cumulative;
    private final long totalArrivals;

    /**
     * @param profile       the sale day shape.
     * @param peakRate      requests per second at the profile's maximum.
     * @param durationNanos run length the whole profile is compressed into.
     */
    public RateSchedule(final SaleProfile profile, final double peakRate, final long durationNanos)
    {
        if (peakRate <= 0 || durationNanos <= 0)
        {
            throw new IllegalArgumentException("peak rate and duration must be positive");
        }
        this.profile = profile;
        this.peakRate = peakRate;
        this.durationNanos = durationNanos;
        this.slices = (int)Math.max(100, Math.min(MAX_SLICES, durationNanos / 1_000_000L));
        this.sliceNanos = (double)durationNanos / slices;
        this.cumulative = new double[slices + 1];
        final double sliceSeconds = sliceNanos / 1e9;
        for (int i = 0; i < slices; i++)
        {
            final double midNanos = (i + 0.5) * sliceNanos;
            cumulative[i + 1] = cumulative[i] + rateAt((long)midNanos) * sliceSeconds;
        }
        this.totalArrivals = (long)Math.floor(cumulative[slices] + 0.5);
    }

    /**
     * @return the curve this schedule follows.
     */
    public SaleProfile profile()
    {
        return profile;
    }

    /**
     * @return requests per second at the top of the curve.
     */
    public double peakRate()
    {
        return peakRate;
    }

    /**
     * @return run length in nanoseconds.
     */
    public long durationNanos()
    {
        return durationNanos;
    }

    /**
     * @return how many arrivals the whole schedule holds.
     */
    public long totalArrivals()
    {
        return totalArrivals;
    }

    /**
     * @param runNanos time since the run started.
     * @return the sale-clock hour at that moment.
     */
    public double saleHour(final long runNanos)
    {
        final double f = (double)runNanos / durationNanos;
        return profile.startHour() + f * (profile.endHour() - profile.startHour());
    }

    /**
     * @param runNanos time since the run started.
     * @return the scheduled request rate (per second) at that moment.
     */
    public double rateAt(final long runNanos)
    {
        if (runNanos < 0 || runNanos > durationNanos)
        {
            return 0.0;
        }
        return peakRate * profile.relativeRate(saleHour(runNanos));
    }

    /**
     * @param runNanos time since the run started.
     * @return arrivals scheduled in [0, runNanos) as a real number (the integral of the rate).
     */
    public double arrivalsBefore(final long runNanos)
    {
        if (runNanos <= 0)
        {
            return 0.0;
        }
        if (runNanos >= durationNanos)
        {
            return cumulative[slices];
        }
        final double pos = runNanos / sliceNanos;
        final int i = (int)pos;
        return cumulative[i] + (pos - i) * (cumulative[i + 1] - cumulative[i]);
    }

    /**
     * @param k arrival number, 0-based, below {@link #totalArrivals()}.
     * @return its intended send time in nanoseconds since the run started.
     */
    public long intendedNanos(final long k)
    {
        final double target = k + 0.5;
        int lo = 0;
        int hi = slices;
        while (hi - lo > 1)
        {
            final int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return interpolate(lo, target);
    }

    private long interpolate(final int slice, final double target)
    {
        if (slice >= slices)
        {
            return durationNanos;
        }
        final double inSlice = cumulative[slice + 1] - cumulative[slice];
        final double f = inSlice <= 0 ? 0 : (target - cumulative[slice]) / inSlice;
        return (long)((slice + Math.min(1.0, Math.max(0.0, f))) * sliceNanos);
    }

    /**
     * @param first  first arrival this cursor visits.
     * @param stride distance between visited arrivals (the number of workers sharing the schedule).
     * @return a forward-only cursor over arrivals {@code first, first + stride, ...}.
     */
    public Cursor cursor(final long first, final long stride)
    {
        return new Cursor(first, stride);
    }

    /**
     * Forward-only iteration over a strided share of the arrivals, without allocation. Single-threaded.
     */
    public final class Cursor
    {
        private final long stride;
        private long next;
        private int slice;

        Cursor(final long first, final long stride)
        {
            if (stride < 1 || first < 0)
            {
                throw new IllegalArgumentException("stride >= 1 and first >= 0 required");
            }
            this.next = first;
            this.stride = stride;
        }

        /**
         * @return true if arrivals remain.
         */
        public boolean hasNext()
        {
            return next < totalArrivals;
        }

        /**
         * @return the number of the arrival {@link #peekIntendedNanos()} refers to.
         */
        public long arrival()
        {
            return next;
        }

        /**
         * @return intended send time of the next arrival, or {@code Long.MAX_VALUE} when none remain.
         */
        public long peekIntendedNanos()
        {
            if (next >= totalArrivals)
            {
                return Long.MAX_VALUE;
            }
            final double target = next + 0.5;
            while (slice < slices && cumulative[slice + 1] <= target)
            {
                slice++;
            }
            return interpolate(slice, target);
        }

        /**
         * Move to the following arrival of this share.
         */
        public void advance()
        {
            next += stride;
        }
    }
}
