package social.chorus.federation.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesEverythingThatCouldOpenATagOrAttribute() {
        assertThat(Html.escape("<a href=\"x\" onclick='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void profileFallsBackToTheHandleWithoutADisplayName() {
        String page = Html.profile("", "@bob@chorus.example", "https://chorus.example/users/bob");
        assertThat(page).contains("<h1>@bob@chorus.example</h1>")
                .contains("<link rel=\"alternate\" type=\"application/activity+json\""
                        + " href=\"https://chorus.example/users/bob\">");
    }
}
