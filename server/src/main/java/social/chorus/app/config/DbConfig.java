package social.chorus.app.config;

/** How to reach the database. The password never appears in {@link #toString()}. */
public record DbConfig(String url, String user, String password, int poolSize) {
    @Override
    public String toString() {
        return "DbConfig[url=" + JdbcUrls.redact(url) + ", user=" + user + ", password=(hidden), poolSize="
                + poolSize + "]";
    }
}
