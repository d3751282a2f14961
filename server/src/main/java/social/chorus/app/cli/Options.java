package social.chorus.app.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} options and {@code --flag} switches of one admin command, checked against what it accepts. */
final class Options {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    /** @throws UsageException naming the unknown or incomplete option */
    static Options parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (valueOptions.contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(a + " needs a value");
                }
                o.values.put(a, args.get(++i));
            } else if (flagOptions.contains(a)) {
                o.flags.add(a);
            } else {
                throw new UsageException("unknown option '" + a + "'");
            }
        }
        return o;
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) {
        return value(name).orElseThrow(() -> new UsageException(name + " is required"));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** A command line that cannot be run as given. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
