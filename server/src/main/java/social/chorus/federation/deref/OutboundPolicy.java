package social.chorus.federation.deref;

import java.net.InetAddress;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which URLs outbound requests may reach.
 *
 * <p>Production ({@link #production()}): https only, public addresses only. Development
 * ({@link #development()}, {@code CHORUS_ALLOW_PRIVATE_ADDRESSES=true}): plain http and every
 * address, so that instances on localhost ports can federate with each other; never for a server
 * on the Internet, because then anyone can make it request its own private network.
 *
 * @param plainHttpAllowed whether {@code http://} URLs may be requested
 * @param addressAllowed whether a resolved address may be connected to
 */
public record OutboundPolicy(boolean plainHttpAllowed, Predicate<InetAddress> addressAllowed) {

    public OutboundPolicy {
        Objects.requireNonNull(addressAllowed, "addressAllowed");
    }

    public static OutboundPolicy production() {
        return new OutboundPolicy(false, a -> AddressClassifier.classify(a).isPublic());
    }

    public static OutboundPolicy development() {
        return new OutboundPolicy(true, a -> true);
    }

    /** From {@code ChorusConfig.allowPrivateAddresses()}. */
    public static OutboundPolicy of(boolean allowPrivateAddresses) {
        return allowPrivateAddresses ? development() : production();
    }

    /** The scheme WebFinger and other well-known lookups use: https, or http in development. */
    public String wellKnownScheme() {
        return plainHttpAllowed ? "http" : "https";
    }
}
