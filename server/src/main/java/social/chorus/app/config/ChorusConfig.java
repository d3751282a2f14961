package social.chorus.app.config;

import java.nio.file.Path;

/**
 * The validated configuration of one Chorus process. Built once at start by {@link ConfigLoader};
 * every component receives the part it needs.
 */
public record ChorusConfig(
        String domain,
        String baseUrl,
        String httpHost,
        int httpPort,
        Path dataDir,
        DbConfig db,
        boolean allowPrivateAddresses,
        String logLevel,
        int shutdownGraceSeconds) {
}
