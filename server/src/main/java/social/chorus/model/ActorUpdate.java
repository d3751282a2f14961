package social.chorus.model;

/** A local actor's profile changed: an {@code Update} of the whole actor goes to its followers' servers. */
public record ActorUpdate(String id, Account actor) {
}
