package social.chorus.federation.rig;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded waits for what federation does asynchronously (deliveries are polled every second). A
 * wait ends as soon as its condition holds; the bound only decides how long a failure takes to
 * show, so it is generous: on a loaded machine one delivery that timed out is sent again 15-20 s
 * later, which at-least-once delivery allows and a test must not mistake for a bug.
 */
public final class Eventually {
    public static final Duration DEFAULT = Duration.ofSeconds(60);

    private Eventually() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    /** As {@link #until(String, BooleanSupplier)}, for waits that include a restart or a retry. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** The first present value {@code probe} gives within {@link #DEFAULT}; fails naming {@code what} otherwise. */
    public static <T> T value(String what, Supplier<Optional<T>> probe) {
        return value(what, DEFAULT, probe);
    }

    private static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            pause(Duration.ofMillis(50));
        }
    }

    /** Holds for {@code period}: used to show that something (a second Accept) does not happen. */
    public static void stays(String what, Duration period, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true: " + what);
            }
            pause(Duration.ofMillis(100));
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
