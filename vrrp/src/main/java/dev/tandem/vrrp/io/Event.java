package dev.tandem.vrrp.io;

import dev.tandem.vrrp.Received;
import dev.tandem.vrrp.TrackKind;
import dev.tandem.vrrp.TrackStatus;
import java.util.concurrent.CountDownLatch;

/** What the IO threads hand to the engine thread; the engine itself is only touched there. */
sealed interface Event {
    record AdvertArrived(Received received) implements Event {
    }

    record LinkChanged(String interfaceName, boolean up) implements Event {
    }

    record Tracked(TrackKind kind, String name, TrackStatus status) implements Event {
    }

    /** An address vanished from an interface; the engine thread decides whether it was one of our VIPs. */
    record AddressRemoved(int ifindex, java.net.InetAddress address) implements Event {
    }

    record Stop(CountDownLatch done) implements Event {
    }
}
