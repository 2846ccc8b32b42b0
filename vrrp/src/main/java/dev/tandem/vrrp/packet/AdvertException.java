package dev.tandem.vrrp.packet;

/** A received advert that cannot be accepted; carries the counted reason and a one-line detail. */
public final class AdvertException extends Exception {
    private final RejectReason reason;

    public AdvertException(RejectReason reason, String detail) {
        super(reason.text() + (detail.isEmpty() ? "" : ": " + detail), null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
