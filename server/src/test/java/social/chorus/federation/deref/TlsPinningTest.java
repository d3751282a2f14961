package social.chorus.federation.deref;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.deref.OutboundRig.fetchFailure;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import social.chorus.federation.sig.Keys;

/**
 * The connection goes to the address the guard checked, but TLS still speaks to the name: the
 * certificate is verified against the URL's host (and SNI names it), never against the pinned IP.
 * The test server's certificate is for {@code localhost} only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsPinningTest {
    private static final String PASSWORD = "changeit";

    private Path dir;
    private WireMockServer wm;
    private Vertx vertx;
    private Outbound out;

    /** Once per class: the first HTTPS server and TLS context of a JVM take seconds to set up. */
    @BeforeAll
    void start() throws Exception {
        KeyPair pair = new Keys().generateRsa();
        X509Certificate cert = selfSigned(pair, "localhost");
        dir = Files.createTempDirectory("chorus-tls-");
        Path keystore = dir.resolve("server.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", pair.getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] {cert});
        try (OutputStream os = Files.newOutputStream(keystore)) {
            ks.store(os, PASSWORD.toCharArray());
        }
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().dynamicHttpsPort().jettyAcceptors(1)
                .keystorePath(keystore.toString()).keystorePassword(PASSWORD).keyManagerPassword(PASSWORD)
                .keystoreType("PKCS12"));
        wm.start();
        vertx = Vertx.vertx();
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
            w.writeObject(cert);
        }
        out = Outbound.create(vertx, GuardedHttp.clientOptions()
                        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pem.toString()))),
                OutboundPolicy.development(), OutboundRig.options(Duration.ofSeconds(5)), Clock.systemUTC());
        wm.stubFor(get("/users/a").willReturn(aResponse().withHeader("Content-Type", "application/activity+json")
                .withBody("{}")));
    }

    @BeforeEach
    void resetJournal() {
        wm.resetRequests();
    }

    @AfterAll
    void stop() throws Exception {
        wm.stop();
        vertx.close().await();
        try (var files = Files.list(dir)) {
            files.forEach(p -> p.toFile().delete());
        }
        Files.deleteIfExists(dir);
    }

    @Test
    void httpsToTheNameSucceedsThroughThePinnedAddress() {
        FetchResponse resp = out.fetcher().get(FetchRequest.activity("https://localhost:" + wm.httpsPort() + "/users/a"))
                .await();
        assertThat(resp.status()).isEqualTo(200);
        assertThat(wm.findAll(getRequestedFor(urlEqualTo("/users/a"))).get(0).getHeader("Host"))
                .isEqualTo("localhost:" + wm.httpsPort());
    }

    @Test
    void certificateIsCheckedAgainstTheUrlHostNotTheAddress() {
        // Same server, same address, but the URL names 127.0.0.1, which the certificate does not cover
        FetchException e = fetchFailure(out.fetcher().get(
                FetchRequest.activity("https://127.0.0.1:" + wm.httpsPort() + "/users/a")));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.TLS_FAILED);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void untrustedCertificateFailsTls() {
        Outbound defaultTrust = Outbound.create(vertx, OutboundPolicy.development(),
                OutboundRig.options(Duration.ofSeconds(5)), Clock.systemUTC());
        FetchException e = fetchFailure(defaultTrust.fetcher().get(
                FetchRequest.activity("https://localhost:" + wm.httpsPort() + "/users/a")));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.TLS_FAILED);
    }

    private static X509Certificate selfSigned(KeyPair pair, String dnsName) throws Exception {
        X500Name name = new X500Name("CN=" + dnsName);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }
}
