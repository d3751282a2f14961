package social.chorus.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.app.Chorus;
import social.chorus.app.config.ConfigLoader;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;
import social.chorus.testing.ApiTestClient;

/** Behind a TLS proxy (an https base URL), cookies are Secure and every URL the API gives is https. */
class HttpsInstanceTest {
    @Test
    void secureCookiesAndHttpsUrls() {
        try (TestDatabase tdb = TestDatabase.h2()) {
            Map<String, String> env = TestConfig.env(tdb, Map.of("CHORUS_DOMAIN", "chorus.test",
                    "CHORUS_REGISTRATIONS", "open"));
            Chorus chorus = Chorus.start(new ConfigLoader(env).load(Optional.empty()).config());
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                Response page = api.browse("/auth/sign_in", null);
                assertThat(page.headers().allValues("set-cookie")).singleElement().satisfies(c -> assertThat(c)
                        .startsWith("chorus_session=").contains("Secure").containsIgnoringCase("HttpOnly")
                        .contains("SameSite=Lax"));
                assertThat(api.get("/api/v1/instance", null).json().getJsonObject("urls").getString("streaming_api"))
                        .isEqualTo("wss://chorus.test");
                assertThat(api.get("/api/v2/instance", null).json().getJsonObject("thumbnail").getString("url"))
                        .isEqualTo("https://chorus.test/images/thumbnail.png");
            } finally {
                chorus.stop();
            }
        }
    }
}
