package social.chorus.process.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopesTest {
    private static Scopes of(String s) {
        return Scopes.parse(s, Scopes.DEFAULT).orElseThrow();
    }

    @Test
    void broadScopesGrantTheirGranularOnes() {
        assertThat(of("read").grants("read:accounts")).isTrue();
        assertThat(of("read").grants("write:accounts")).isFalse();
        assertThat(of("write").grants("write:accounts")).isTrue();
        assertThat(of("write:accounts").grants("write")).isFalse();
        assertThat(of("admin:read").grants("admin:read:accounts")).isTrue();
        assertThat(of("read").grants("admin:read:accounts")).isFalse();
        assertThat(of("profile").grants("read:accounts")).isFalse();
        assertThat(of("profile").grantsAny(List.of("profile", "read:accounts"))).isTrue();
    }

    @Test
    void followGrantsFollowsBlocksAndMutes() {
        Scopes follow = of("follow");
        for (String s : List.of("read:follows", "write:follows", "read:blocks", "write:blocks", "read:mutes",
                "write:mutes")) {
            assertThat(follow.grants(s)).as(s).isTrue();
        }
        assertThat(follow.grants("read:accounts")).isFalse();
        assertThat(follow.grants("write:statuses")).isFalse();
    }

    @Test
    void parsingDefaultsDeduplicatesAndRefusesUnknownScopes() {
        assertThat(Scopes.parse(null, Scopes.DEFAULT)).contains(Scopes.DEFAULT);
        assertThat(Scopes.parse("  ", Scopes.DEFAULT)).contains(Scopes.DEFAULT);
        assertThat(of("read  write read").asString()).isEqualTo("read write");
        assertThat(of("read+write").asList()).containsExactly("read", "write");
        assertThat(Scopes.parse("read destroy", Scopes.DEFAULT)).isEmpty();
        assertThat(Scopes.parse("READ", Scopes.DEFAULT)).isEmpty();
    }

    @Test
    void coversComparesThroughTheHierarchy() {
        assertThat(of("read write follow").covers(of("read:accounts write:follows"))).isTrue();
        assertThat(of("read").covers(of("read write"))).isFalse();
        assertThat(of("write:accounts").covers(of("write"))).isFalse();
    }
}
