package social.chorus.federation.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time per thread pool of this JVM between two snapshots, plus garbage collection: which part
 * of the in-process server (event loop, blocking workers, database workers) or of the client
 * spent the machine's CPU during a run. Threads are grouped by name without their number.
 */
final class ThreadCpu {
    private final Map<String, Long> cpuByGroup;
    private final long gcMillis;
    private final long gcCount;
    private final long at;

    private ThreadCpu(Map<String, Long> cpuByGroup, long gcMillis, long gcCount, long at) {
        this.cpuByGroup = cpuByGroup;
        this.gcMillis = gcMillis;
        this.gcCount = gcCount;
        this.at = at;
    }

    static ThreadCpu snapshot() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new HashMap<>();
        if (mx.isThreadCpuTimeSupported()) {
            mx.setThreadCpuTimeEnabled(true);
            for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    groups.merge(group(info.getThreadName()), cpu, Long::sum);
                }
            }
        }
        long gcMs = 0;
        long gcN = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMs += Math.max(0, gc.getCollectionTime());
            gcN += Math.max(0, gc.getCollectionCount());
        }
        return new ThreadCpu(groups, gcMs, gcN, System.nanoTime());
    }

    /** {@code vert.x-eventloop-thread-0} and {@code chorus-db-3} become {@code vert.x-eventloop-thread-*}, {@code chorus-db-*}. */
    static String group(String threadName) {
        return threadName.replaceAll("\\d+", "*");
    }

    /** CPU time all threads of this JVM used since {@code before}, in nanoseconds. */
    long cpuNanosSince(ThreadCpu before) {
        long total = 0;
        for (Map.Entry<String, Long> e : cpuByGroup.entrySet()) {
            total += Math.max(0, e.getValue() - before.cpuByGroup.getOrDefault(e.getKey(), 0L));
        }
        return total;
    }

    /**
     * CPU seconds used since {@code before} by the server's threads: everything but the load
     * generator's own (its client threads and the JDK HTTP client's).
     */
    double serverCpuSecondsSince(ThreadCpu before) {
        long total = 0;
        for (Map.Entry<String, Long> e : cpuByGroup.entrySet()) {
            if (!e.getKey().startsWith("bench-client") && !e.getKey().startsWith("HttpClient")) {
                total += Math.max(0, e.getValue() - before.cpuByGroup.getOrDefault(e.getKey(), 0L));
            }
        }
        return total / 1e9;
    }

    /**
     * The groups that used the most CPU since {@code before}, as lines: CPU seconds and the share
     * of everything this JVM used (threads that ended meanwhile are not counted).
     */
    List<String> busiestSince(ThreadCpu before, int top) {
        Map<String, Long> delta = new HashMap<>();
        cpuByGroup.forEach((g, cpu) -> {
            long d = cpu - before.cpuByGroup.getOrDefault(g, 0L);
            if (d > 0) {
                delta.put(g, d);
            }
        });
        long total = delta.values().stream().mapToLong(Long::longValue).sum();
        double wall = (at - before.at) / 1e9;
        List<String> lines = delta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(e -> String.format(Locale.ROOT, "  %-40s %6.2f s CPU  %5.1f %%", e.getKey(), e.getValue() / 1e9,
                        100.0 * e.getValue() / Math.max(1, total)))
                .collect(Collectors.toList());
        lines.add(String.format(Locale.ROOT, "  %-40s %6.2f s CPU in %.2f s wall = %.2f of %d cores busy in this JVM",
                "all threads", total / 1e9, wall, total / 1e9 / wall, Runtime.getRuntime().availableProcessors()));
        lines.add(String.format(Locale.ROOT, "  %-40s %6d collections, %d ms", "garbage collection",
                gcCount - before.gcCount, gcMillis - before.gcMillis));
        return lines;
    }
}
