package social.chorus.federation.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import social.chorus.process.instance.InstanceFacts;

class NodeInfoJsonTest {
    private static InstanceFacts.NodeFacts facts(String repository) {
        return new InstanceFacts.NodeFacts("chorus.example",
                new InstanceFacts.Software("chorus", "1.2.3", repository), false,
                new InstanceFacts.Usage(5, 2, 3, 40L));
    }

    @Test
    void repositoryOnlyIn21BecauseThe20SchemaForbidsExtraProperties() {
        var withRepo = facts("https://code.example/chorus");
        assertThat(NodeInfoRoutes.toJson(withRepo, "2.1").getJsonObject("software").getString("repository"))
                .isEqualTo("https://code.example/chorus");
        assertThat(NodeInfoRoutes.toJson(withRepo, "2.0").getJsonObject("software").fieldNames())
                .containsExactlyInAnyOrder("name", "version");
        assertThat(NodeInfoRoutes.toJson(facts(null), "2.1").getJsonObject("software").fieldNames())
                .containsExactlyInAnyOrder("name", "version");
    }

    @Test
    void usageAndRegistrationsAreWrittenAsGiven() {
        var json = NodeInfoRoutes.toJson(facts(null), "2.1");
        assertThat(json.getBoolean("openRegistrations")).isFalse();
        assertThat(json.getJsonObject("usage").getJsonObject("users").getInteger("total")).isEqualTo(5);
        assertThat(json.getJsonObject("usage").getJsonObject("users").getInteger("activeMonth")).isEqualTo(2);
        assertThat(json.getJsonObject("usage").getJsonObject("users").getInteger("activeHalfyear")).isEqualTo(3);
        assertThat(json.getJsonObject("usage").getLong("localPosts")).isEqualTo(40L);
        assertThat(json.getJsonObject("software").getString("version")).isEqualTo("1.2.3");
    }
}
