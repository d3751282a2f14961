package social.chorus.federation.sig;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Body digests in both header formats: cavage-era {@code Digest: SHA-256=base64} (RFC 3230) and
 * RFC 9530 {@code Content-Digest: sha-256=:base64:}. SHA-256 and SHA-512 are accepted; every
 * supported algorithm present must match, unknown ones (MD5, …) are ignored.
 */
final class Digests {
    private record Claimed(String algorithm, String base64) {}

    private Digests() {}

    /** The value of a {@code Digest} header for this body. */
    static String digestHeader(HttpRequestView request) {
        return "SHA-256=" + Base64.getEncoder().encodeToString(hash(request, "SHA-256"));
    }

    /** The value of a {@code Content-Digest} header for this body. */
    static String contentDigestHeader(HttpRequestView request) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(hash(request, "SHA-256")) + ":";
    }

    /** Checks a (possibly repeated) {@code Digest} header against the body. */
    static void checkDigest(List<String> headerValues, HttpRequestView request) throws Rejection {
        List<Claimed> supported = new ArrayList<>();
        for (String line : headerValues) {
            for (String part : line.split(",")) {
                String p = part.trim();
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw new Rejection(FailureReason.DIGEST_MISMATCH, "Digest header is malformed");
                }
                String alg = p.substring(0, eq).trim().toUpperCase(Locale.ROOT);
                if (alg.equals("SHA-256") || alg.equals("SHA-512")) {
                    supported.add(new Claimed(alg, p.substring(eq + 1).trim()));
                }
            }
        }
        if (supported.isEmpty()) {
            throw new Rejection(FailureReason.DIGEST_UNSUPPORTED, "Digest header has no SHA-256 or SHA-512 value");
        }
        for (Claimed c : supported) {
            compare("Digest", c.algorithm(), decode(c.base64(), "Digest"), request);
        }
    }

    /** Checks a {@code Content-Digest} dictionary against the body. */
    static void checkContentDigest(String headerValue, HttpRequestView request) throws Rejection {
        Map<String, Sf.Member> dict;
        try {
            dict = SfParser.dictionary(headerValue);
        } catch (IllegalArgumentException e) {
            throw new Rejection(FailureReason.DIGEST_MISMATCH, "Content-Digest is not a structured dictionary");
        }
        int checked = 0;
        for (Map.Entry<String, Sf.Member> e : dict.entrySet()) {
            String alg = e.getKey().equals("sha-256") ? "SHA-256" : e.getKey().equals("sha-512") ? "SHA-512" : null;
            if (alg == null) {
                continue;
            }
            if (!(e.getValue() instanceof Sf.Item item) || !(item.value() instanceof Sf.Bytes bytes)) {
                throw new Rejection(FailureReason.DIGEST_MISMATCH, "Content-Digest " + e.getKey() + " is not a byte sequence");
            }
            compare("Content-Digest", alg, bytes.value(), request);
            checked++;
        }
        if (checked == 0) {
            throw new Rejection(FailureReason.DIGEST_UNSUPPORTED, "Content-Digest has no sha-256 or sha-512 value");
        }
    }

    private static void compare(String header, String alg, byte[] claimed, HttpRequestView request) throws Rejection {
        if (!MessageDigest.isEqual(claimed, hash(request, alg))) {
            throw new Rejection(FailureReason.DIGEST_MISMATCH, header + " " + alg + " does not match the body");
        }
    }

    private static byte[] decode(String b64, String header) throws Rejection {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new Rejection(FailureReason.DIGEST_MISMATCH, header + " value is not base64");
        }
    }

    static byte[] hash(HttpRequestView request, String algorithm) {
        try {
            return request.digestBody(MessageDigest.getInstance(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has " + algorithm, e);
        }
    }
}
