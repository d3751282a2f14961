package social.chorus.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar chorus.jar}: serve until SIGTERM, or run an operator command and exit. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Launcher.Outcome outcome = new Launcher(System.getenv(), System.out, System.err).run(args);
        if (outcome instanceof Launcher.Serving serving) {
            // SIGTERM and SIGINT run shutdown hooks: finish in-flight requests, then close the pool.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(serving.chorus()), "chorus-shutdown"));
            return; // Vert.x's non-daemon threads keep the process alive.
        }
        System.exit(((Launcher.Exited) outcome).code().code());
    }

    private static void stopQuietly(Chorus chorus) {
        try {
            chorus.stop();
        } catch (RuntimeException e) {
            Logger log = LoggerFactory.getLogger(Main.class);
            log.error("Shutdown did not complete cleanly", e);
        }
    }
}
