package social.chorus.federation.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.sig.SigFixtures.resource;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The published examples of RFC 9421 Appendix B.2, rebuilt from the Appendix's test request with
 * our signature-base code. B.2.5 (HMAC) and B.2.6 (Ed25519) are deterministic and are reproduced
 * byte for byte; B.2.3 (RSA-PSS, randomised) is proven by verifying the published signature over
 * our base with the published key.
 */
class Rfc9421VectorsTest {
    /** RFC 9421 §B.2 test request: POST /foo?param=Value&Pet=dog to example.com. */
    private static final HttpRequestView REQUEST = HttpRequestView.inbound("POST", "/foo?param=Value&Pet=dog",
            HttpHeaders.of(
                    "Host", "example.com",
                    "Date", "Tue, 20 Apr 2021 02:07:55 GMT",
                    "Content-Type", "application/json",
                    "Content-Digest", "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+"
                            + "AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
                    "Content-Length", "18"),
            "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8));
    private static final Instant CREATED = Instant.ofEpochSecond(1618884473);

    private static final String B26_INPUT = "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" "
            + "\"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";
    private static final String B26_SIGNATURE =
            "wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==";
    private static final String B26_BASE = "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n"
            + "\"@method\": POST\n"
            + "\"@path\": /foo\n"
            + "\"@authority\": example.com\n"
            + "\"content-type\": application/json\n"
            + "\"content-length\": 18\n"
            + "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" "
            + "\"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";

    private static HttpRequestView withSignature(HttpRequestView r, String input, String signature) {
        return r.withHeaders(r.headers().plus("Signature-Input", input).plus("Signature", signature));
    }

    private static ParsedSignature parse(HttpRequestView r) {
        return SigFixtures.parsed(SigFixtures.verifierAt(CREATED), r);
    }

    @Test
    void b26Ed25519BaseAndSignatureAreReproducedByteForByte() throws Exception {
        HttpRequestView signed = withSignature(REQUEST, B26_INPUT, "sig-b26=:" + B26_SIGNATURE + ":");
        ParsedSignature sig = parse(signed);
        assertThat(sig.label()).isEqualTo("sig-b26");
        assertThat(sig.keyId()).isEqualTo("test-key-ed25519");
        assertThat(sig.algorithm()).isEqualTo(SignatureAlgorithm.FROM_KEY);

        String base = SignatureBase.build(sig.components(), sig.signatureParams(), signed);
        assertThat(base).isEqualTo(B26_BASE);

        byte[] ours = Crypto.sign(Pem.decodePrivate(resource("rfc9421-test-key-ed25519.key.pem")),
                base.getBytes(StandardCharsets.UTF_8));
        assertThat(Base64.getEncoder().encodeToString(ours)).isEqualTo(B26_SIGNATURE);
    }

    @Test
    void b26VerifiesEndToEndWhenTheBodyIsNotInPlay() {
        // B.2.6 does not cover content-digest. Our policy demands it whenever there is a body, so
        // the vector passes end to end only as a body-less request, and is refused with the body.
        PublicKey key = Pem.decodePublic(resource("rfc9421-test-key-ed25519.pem"));
        HttpRequestView signed = withSignature(REQUEST, B26_INPUT, "sig-b26=:" + B26_SIGNATURE + ":");
        HttpRequestView bodiless = new HttpRequestView(signed.method(), signed.scheme(), signed.authority(),
                signed.target(), signed.headers(), null);
        SignatureVerifier verifier = SigFixtures.verifierAt(CREATED.plusSeconds(60));

        assertThat(SigFixtures.parseAndVerify(verifier, bodiless, key).isVerified()).isTrue();
        SignatureFailure withBody = SigFixtures.parseAndVerify(verifier, signed, key).failure().orElseThrow();
        assertThat(withBody.reason()).isEqualTo(FailureReason.REQUIRED_COMPONENT_NOT_SIGNED);
        assertThat(withBody.message()).contains("content-digest");
    }

    @Test
    void b25HmacBaseReproducesThePublishedMac() throws Exception {
        HttpRequestView signed = withSignature(REQUEST,
                "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"",
                "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:");
        ParsedSignature sig = parse(signed);
        String base = SignatureBase.build(sig.components(), sig.signatureParams(), signed);
        assertThat(base).isEqualTo("\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n"
                + "\"@authority\": example.com\n"
                + "\"content-type\": application/json\n"
                + "\"@signature-params\": (\"date\" \"@authority\" \"content-type\");created=1618884473"
                + ";keyid=\"test-shared-secret\"");

        // We do not accept HMAC signatures; the MAC is computed here only to prove the base.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode("uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzN"
                + "JjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ=="), "HmacSHA256"));
        assertThat(Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=");
    }

    @Test
    void b23FullCoverageBaseVerifiesAgainstThePublishedRsaPssSignature() throws Exception {
        String signatureB64 = "bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yB"
                + "iMIRGOnMYwZ/5MR6fb0Kh1rIRASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fU"
                + "xN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1"
                + "pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9"
                + "bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJpvRX2Zbhl5Z"
                + "JzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==";
        HttpRequestView signed = withSignature(REQUEST, "sig-b23=(\"date\" \"@method\" \"@path\" \"@query\" "
                + "\"@authority\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473"
                + ";keyid=\"test-key-rsa-pss\"", "sig-b23=:" + signatureB64 + ":");
        ParsedSignature sig = parse(signed);
        String base = SignatureBase.build(sig.components(), sig.signatureParams(), signed);
        assertThat(base).contains("\"@query\": ?param=Value&Pet=dog\n")
                .contains("\"content-digest\": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+");

        // rsa-pss-sha512 is not an algorithm we accept; the JDK checks it here to prove the base.
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
        pss.initVerify(Pem.decodePublic(resource("rfc9421-test-key-rsa-pss.pem")));
        pss.update(base.getBytes(StandardCharsets.UTF_8));
        assertThat(pss.verify(Base64.getDecoder().decode(signatureB64))).isTrue();
    }

    @Test
    void theTestRequestsContentDigestMatchesItsBody() throws Exception {
        Digests.checkContentDigest(REQUEST.headers().first("content-digest").orElseThrow(), REQUEST);
        assertThat(Base64.getEncoder().encodeToString(Digests.hash(REQUEST, "SHA-512")))
                .isEqualTo("WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==");
    }

    @Test
    void b22QueryParamIsRefusedAsUnsupported() {
        HttpRequestView signed = withSignature(REQUEST, "sig-b22=(\"@authority\" \"content-digest\" "
                + "\"@query-param\";name=\"Pet\");created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\"",
                "sig-b22=:AAAA:");
        SignatureFailure f = SigFixtures.verifierAt(CREATED).parse(signed).failure().orElseThrow();
        assertThat(f.reason()).isEqualTo(FailureReason.UNSUPPORTED_COMPONENT);
    }

    @Test
    void derivedComponentsOfTheTestRequest() throws Exception {
        HttpRequestView r = REQUEST;
        assertThat(SignatureBase.value("@method", r)).isEqualTo("POST");
        assertThat(SignatureBase.value("@target-uri", r)).isEqualTo("https://example.com/foo?param=Value&Pet=dog");
        assertThat(SignatureBase.value("@authority", r)).isEqualTo("example.com");
        assertThat(SignatureBase.value("@scheme", r)).isEqualTo("https");
        assertThat(SignatureBase.value("@request-target", r)).isEqualTo("/foo?param=Value&Pet=dog");
        assertThat(SignatureBase.value("@path", r)).isEqualTo("/foo");
        assertThat(SignatureBase.value("@query", r)).isEqualTo("?param=Value&Pet=dog");
        HttpRequestView noQuery = HttpRequestView.inbound("GET", "/", HttpHeaders.of("Host", "Example.COM:443"), null);
        assertThat(SignatureBase.value("@query", noQuery)).isEqualTo("?");
        assertThat(SignatureBase.value("@authority", noQuery)).isEqualTo("example.com");
        assertThat(SignatureBase.value("@authority", noQuery.withScheme("http"))).isEqualTo("example.com:443");
    }

    @Test
    void theB11PkcsOneKeyIsReadable() {
        PublicKey key = Pem.decodePublic(resource("rfc9421-test-key-rsa.pem"));
        assertThat(key).isInstanceOf(RSAPublicKey.class);
        assertThat(((RSAPublicKey) key).getModulus().bitLength()).isEqualTo(2048);
        assertThat(KeyType.of(key)).contains(KeyType.RSA);
        assertThat(Pem.decodePublic(Pem.encodePublic(key))).isEqualTo(key);
        assertThat(List.of(Pem.encodePublic(key).split("\n")).get(0)).isEqualTo("-----BEGIN PUBLIC KEY-----");
    }
}
