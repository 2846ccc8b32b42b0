package dev.tandem.config.haproxy.model;

/** {@code ssl-min-ver}/{@code ssl-max-ver} values. */
public enum TlsVersion {
    SSLV3("SSLv3"),
    TLSV10("TLSv1.0"),
    TLSV11("TLSv1.1"),
    TLSV12("TLSv1.2"),
    TLSV13("TLSv1.3");

    private final String keyword;

    TlsVersion(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
