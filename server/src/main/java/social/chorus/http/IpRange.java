package social.chorus.http;

import io.netty.util.NetUtil;
import java.util.Arrays;
import java.util.Optional;

/**
 * One IP address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}), as an operator lists
 * trusted proxies. Parsing accepts address literals only: a host name is refused rather than
 * resolved, so reading the config never waits on DNS.
 */
public record IpRange(byte[] network, int prefixBits) {

    public IpRange {
        network = network.clone();
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    /** {@code 203.0.113.7}, {@code 2001:db8::/32}…; empty when it is not an address or a valid prefix. */
    public static Optional<IpRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        byte[] address = address(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            return Optional.empty();
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            String suffix = s.substring(slash + 1);
            if (suffix.isEmpty() || suffix.length() > 3 || !suffix.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            bits = Integer.parseInt(suffix);
            if (bits > address.length * 8) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpRange(mask(address, bits), bits));
    }

    public boolean contains(byte[] address) {
        return address != null && address.length == network.length
                && Arrays.equals(mask(address, prefixBits), network);
    }

    /**
     * The bytes of an IPv4 (4) or IPv6 (16) literal, an IPv4-mapped IPv6 address reduced to its
     * IPv4 form so that both spellings of one client are one client; null for anything else.
     */
    static byte[] address(String literal) {
        if (literal == null || literal.isEmpty()) {
            return null;
        }
        String s = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1)
                : literal;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(s);
        if (bytes == null || s.indexOf('%') >= 0) {
            return null;
        }
        if (bytes.length == 16 && isIpv4Mapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    static byte[] mask(byte[] address, int bits) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && r.prefixBits == prefixBits && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixBits;
    }

    @Override
    public String toString() {
        return NetUtil.bytesToIpAddress(network) + "/" + prefixBits;
    }
}
