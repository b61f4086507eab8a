package io.flashsale.bench.loadgen;

import java.util.Locale;

/**
 * The open-loop send schedule: a sale profile compressed into a run of fixed length. Arrival
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
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final SaleProfile profile;
    private final double peakRate;
    private final boolean constant;
    private final long durationNanos;
    private final int slices;
    private final double sliceNanos;
    private final double[] cumulative;
    private final long totalArrivals;
    private final double busiestSecondRate;
    private long busiestSecondStartNanos;

    /**
     * @param profile       the sale day shape.
     * @param peakRate      requests per second at the profile's maximum (the top of the curve, for an instant).
     * @param durationNanos run length the whole profile is compressed into.
     */
    public RateSchedule(final SaleProfile profile, final double peakRate, final long durationNanos)
    {
        this(profile, peakRate, durationNanos, false);
    }

    private RateSchedule(final SaleProfile profile, final double peakRate, final long durationNanos,
        final boolean constant)
    {
        if (!(peakRate > 0) || Double.isInfinite(peakRate) || durationNanos <= 0)
        {
            throw new IllegalArgumentException("rate and duration must be positive");
        }
        this.profile = profile;
        this.peakRate = peakRate;
        this.constant = constant;
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
        final double busiest = busiestWindow(Math.min(SECOND_NANOS, durationNanos)) /
            (Math.min(SECOND_NANOS, durationNanos) / 1e9);
        this.busiestSecondRate = constant ? peakRate : busiest;
    }

    /**
     * wrk2's {@code -R}: the same arrival rate from the first to the last moment of the run, on a sale clock from
     * 00:00 to 24:00 (every arrival a buy).
     *
     * @param rate          arrivals per second.
     * @param durationNanos run length.
     * @return the schedule.
     */
    public static RateSchedule constant(final double rate, final long durationNanos)
    {
        return new RateSchedule(SaleProfile.flat(), rate, durationNanos, true);
    }

    /**
     * A sale-day curve scaled so that its busiest second offers {@code peak} arrivals: what the progress line and the
     * report show as the peak is what is sent (the curve's instantaneous top is higher when its spike is shorter than
     * a second of run time).
     *
     * @param profile       the curve.
     * @param peak          arrivals in the busiest one-second window of the run (per second when the run is shorter).
     * @param durationNanos run length.
     * @return the schedule.
     */
    public static RateSchedule peak(final SaleProfile profile, final double peak, final long durationNanos)
    {
        final RateSchedule unit = new RateSchedule(profile, 1.0, durationNanos, false);
        return new RateSchedule(profile, peak / unit.busiestSecondRate, durationNanos, false);
    }

    /**
     * @param profile       the curve.
     * @param peakRate      the curve's instantaneous top, per second.
     * @param durationNanos run length.
     * @param constant      true if this is a constant-rate schedule (for the reports' wording).
     * @return the schedule exactly as such a schedule was built before (used to rebuild a run's from its summary).
     */
    public static RateSchedule of(final SaleProfile profile, final double peakRate, final long durationNanos,
        final boolean constant)
    {
        return new RateSchedule(profile, peakRate, durationNanos, constant);
    }

    /**
     * The busiest window: the arrivals in it are piecewise linear in its start, so the maximum lies where its start
     * or its end meets a slice boundary.
     */
    private double busiestWindow(final long windowNanos)
    {
        double best = 0;
        for (int i = 0; i <= slices; i++)
        {
            final long boundary = (long)(i * sliceNanos);
            final long[] starts = {boundary, Math.max(0, boundary - windowNanos)};
            for (final long start : starts)
            {
                final double arrivals = arrivalsBefore(start + windowNanos) - arrivalsBefore(start);
                if (arrivals > best + 1e-9)
                {
                    best = arrivals;
                    busiestSecondStartNanos = start;
                }
            }
        }
        return best;
    }

    /**
     * @return the curve this schedule follows.
     */
    public SaleProfile profile()
    {
        return profile;
    }

    /**
     * @return requests per second at the top of the curve (for an instant).
     */
    public double peakRate()
    {
        return peakRate;
    }

    /**
     * @return arrivals offered in the busiest one-second window of the run.
     */
    public double busiestSecondRate()
    {
        return busiestSecondRate;
    }

    /**
     * @return run time at which the busiest second begins (the first such second of a constant rate: 0).
     */
    public long busiestSecondStartNanos()
    {
        return busiestSecondStartNanos;
    }

    /**
     * @return true for a constant rate ({@link #constant}), false for a curve.
     */
    public boolean isConstant()
    {
        return constant;
    }

    /**
     * @return mean arrivals per second over the run.
     */
    public double meanRate()
    {
        return totalArrivals / (durationNanos / 1e9);
    }

    /**
     * @param saleHour an hour on the sale clock.
     * @return the run time at which the sale clock shows it (may lie outside the run).
     */
    public long runNanosAt(final double saleHour)
    {
        return (long)((saleHour - profile.startHour()) / (profile.endHour() - profile.startHour()) * durationNanos);
    }

    /**
     * @return one line saying what the schedule offers, e.g. {@code constant 3,000/s} or the curve's peak and mean.
     */
    public String describe()
    {
        if (constant)
        {
            return String.format(Locale.ROOT, "constant %,.0f arrivals/s", peakRate);
        }
        return String.format(Locale.ROOT,
            "peak %,.0f arrivals/s in the busiest second (curve top %,.0f/s for an instant), mean %,.0f/s; %s",
            busiestSecondRate, peakRate, meanRate(), profile.description());
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
