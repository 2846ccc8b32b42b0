package dev.tandem.linux;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Parses the ancillary data recvmsg(2) returns (cmsg(3): a size_t length, level, type, data, each header
 * aligned to 8). Pure: works on a copy of msg_control, so it is tested and fuzzed without sockets.
 */
final class ControlMessages {
    /** What the cmsgs said; -1/0/null where a value was not present. */
    record Ancillary(int hopLimit, int trafficClass, InetAddress destination, int ifindex) {
        static final Ancillary NONE = new Ancillary(-1, -1, null, 0);
    }

    private static final int HEADER = (int) Structs.CMSGHDR.byteSize();

    private ControlMessages() {
    }

    static Ancillary parse(byte[] control, int length) {
        ByteBuffer buf = ByteBuffer.wrap(control, 0, Math.min(length, control.length)).order(ByteOrder.nativeOrder());
        int hopLimit = -1;
        int trafficClass = -1;
        InetAddress destination = null;
        int ifindex = 0;
        int at = 0;
        int end = buf.limit();
        while (at + HEADER <= end) {
            long cmsgLen = buf.getLong(at);
            if (cmsgLen < HEADER || cmsgLen > end - at) {
                break;
            }
            int level = buf.getInt(at + 8);
            int type = buf.getInt(at + 12);
            int data = at + HEADER;
            int dataLength = (int) cmsgLen - HEADER;
            if (level == Sockopt.IPPROTO_IPV6 && dataLength >= 4
                    && (type == Sockopt.IPV6_HOPLIMIT || type == Sockopt.IPV6_TCLASS)) {
                int value = buf.getInt(data);
                if (type == Sockopt.IPV6_HOPLIMIT) {
                    hopLimit = value;
                } else {
                    trafficClass = value;
                }
            } else if (level == Sockopt.IPPROTO_IPV6 && type == Sockopt.IPV6_PKTINFO
                    && dataLength >= Structs.IN6_PKTINFO.byteSize()) {
                destination = Sockaddr.address(Arrays.copyOfRange(control, data, data + 16));
                ifindex = buf.getInt(data + 16);
            } else if (level == Sockopt.IPPROTO_IP && type == Sockopt.IP_PKTINFO
                    && dataLength >= Structs.IN_PKTINFO.byteSize()) {
                ifindex = buf.getInt(data);
                destination = Sockaddr.address(Arrays.copyOfRange(control, data + 8, data + 12));
            }
            at += Structs.align((int) cmsgLen, Structs.CMSG_ALIGNMENT);
        }
        return new Ancillary(hopLimit, trafficClass, destination, ifindex);
    }
}
