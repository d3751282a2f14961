package social.chorus.federation.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import social.chorus.storage.RemoteHostRepository.HostState;

class HostHealthTest {
    private static final Instant DAY1 = Instant.parse("2026-03-01T10:00:00Z");

    private static HostState failEachDay(HostState s, int days) {
        for (int d = 0; d < days; d++) {
            s = HostHealth.afterFailure(s, DAY1.plus(Duration.ofDays(d)));
        }
        return s;
    }

    @Test
    void unavailableOnTheSeventhDistinctDayNotBefore() {
        HostState six = failEachDay(HostHealth.fresh("dead.example"), 6);
        assertThat(six.failureDays()).isEqualTo(6);
        assertThat(HostHealth.available(six)).isTrue();
        assertThat(six.firstFailureAt()).contains(DAY1);
        assertThat(six.lastFailureDay()).contains(LocalDate.parse("2026-03-06"));

        Instant day7 = DAY1.plus(Duration.ofDays(6));
        HostState seven = HostHealth.afterFailure(six, day7);
        assertThat(seven.failureDays()).isEqualTo(7);
        assertThat(HostHealth.available(seven)).isFalse();
        assertThat(seven.unavailableSince()).contains(day7);
        assertThat(HostHealth.whyUnavailable(seven)).contains("dead.example").contains("7 distinct days");

        // Later failures keep the original verdict time.
        HostState eight = HostHealth.afterFailure(seven, day7.plus(Duration.ofDays(1)));
        assertThat(eight.unavailableSince()).contains(day7);
        assertThat(eight.failureDays()).isEqualTo(8);
    }

    @Test
    void manyFailuresOnOneDayCountOnce() {
        HostState s = failEachDay(HostHealth.fresh("flaky.example"), 5);
        Instant day6 = DAY1.plus(Duration.ofDays(5));
        for (int i = 0; i < 500; i++) {
            s = HostHealth.afterFailure(s, day6.plusSeconds(i * 60L));
        }
        assertThat(s.failureDays()).isEqualTo(6);
        assertThat(HostHealth.available(s)).isTrue();
    }

    @Test
    void daysAreUtcCalendarDaysNotTwentyFourHourPeriods() {
        HostState s = HostHealth.afterFailure(HostHealth.fresh("h"), Instant.parse("2026-03-01T23:59:00Z"));
        s = HostHealth.afterFailure(s, Instant.parse("2026-03-02T00:01:00Z"));
        assertThat(s.failureDays()).isEqualTo(2);
    }

    @Test
    void aSuccessResetsTheCountAndRevives() {
        HostState dead = failEachDay(HostHealth.fresh("back.example"), 9);
        assertThat(HostHealth.available(dead)).isFalse();
        Instant revived = DAY1.plus(Duration.ofDays(10));
        HostState back = HostHealth.afterSuccess(dead, revived);
        assertThat(HostHealth.available(back)).isTrue();
        assertThat(back.failureDays()).isZero();
        assertThat(back.firstFailureAt()).isEmpty();
        assertThat(back.lastFailureDay()).isEmpty();
        assertThat(back.lastSuccessAt()).contains(revived);

        // Counting starts over: six more bad days are not enough.
        HostState again = back;
        for (int d = 1; d <= 6; d++) {
            again = HostHealth.afterFailure(again, revived.plus(Duration.ofDays(d)));
        }
        assertThat(HostHealth.available(again)).isTrue();
    }

    @Test
    void goneIsUnavailableAtOnceUntilASuccess() {
        HostState gone = HostHealth.afterGone(HostHealth.fresh("closed.example"), DAY1);
        assertThat(gone.gone()).isTrue();
        assertThat(HostHealth.available(gone)).isFalse();
        assertThat(HostHealth.whyUnavailable(gone)).contains("gone");
        assertThat(HostHealth.available(HostHealth.afterSuccess(gone, DAY1.plusSeconds(5)))).isTrue();
    }
}
