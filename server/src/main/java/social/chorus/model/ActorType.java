package social.chorus.model;

import java.util.Arrays;
import java.util.Optional;

/** ActivityStreams actor types Chorus stores. People are Person, agents Service, the instance Application. */
public enum ActorType {
    PERSON("Person"),
    SERVICE("Service"),
    APPLICATION("Application"),
    GROUP("Group"),
    ORGANIZATION("Organization");

    private final String asName;

    ActorType(String asName) {
        this.asName = asName;
    }

    /** The name as it appears in an ActivityStreams {@code type}. */
    public String asName() {
        return asName;
    }

    public static Optional<ActorType> fromAsName(String name) {
        return Arrays.stream(values()).filter(t -> t.asName.equals(name)).findFirst();
    }
}
