package social.chorus.federation.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** What the benchmark machine is and how busy it was, read from /proc (Linux); "unknown" elsewhere. */
final class BenchMachine {
    /** USER_HZ: the unit of utime and stime in /proc/PID/stat on every Linux the project runs on. */
    private static final double CLOCK_TICKS = 100.0;

    private BenchMachine() {
    }

    static String describe() {
        return String.format(Locale.ROOT, "%d CPUs (%s), %s RAM", Runtime.getRuntime().availableProcessors(),
                firstLine(Path.of("/proc/cpuinfo"), "model name"), firstLine(Path.of("/proc/meminfo"), "MemTotal"));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * User plus system CPU seconds used so far by every process with this command name (e.g.
     * {@code mariadbd}): the database server's share of a run is the difference of two readings.
     * 0 when there is none or /proc is not there.
     */
    static double processCpuSeconds(String command) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToDouble(p -> cpuSecondsIf(p, command)).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static double cpuSecondsIf(Path proc, String command) {
        try {
            if (!Files.readString(proc.resolve("comm")).strip().equals(command)) {
                return 0;
            }
            String stat = Files.readString(proc.resolve("stat"));
            // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile, or is not readable
        }
    }

    private static String firstLine(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .map(v -> v.endsWith(" kB") ? Math.round(Long.parseLong(v.replaceAll("[^0-9]", ""))
                            / 1024.0 / 1024.0) + " GB" : v)
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
