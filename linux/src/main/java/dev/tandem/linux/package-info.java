/**
 * Linux system calls through FFM (java.lang.foreign): raw IP sockets, netlink, AF_PACKET. No JNI, no
 * shelling out.
 *
 * <p>How the VRRP I/O layer uses it, per interface and family (keepalived.md §3):
 * <pre>{@code
 * Interface eth0 = Interface.named("eth0");                       // if_nametoindex
 * RawSocket rx = RawSocket.openMulticastReceiver(eth0, RawSocket.VRRP_GROUP_V4, RawSocket.IPPROTO_VRRP);
 * RawSocket tx = RawSocket.openSender(eth0, IpFamily.IPV4, primaryAddress, RawSocket.IPPROTO_VRRP,
 *         RawSocket.SendOptions.KEEPALIVED);                      // IP_HDRINCL, tos 0xc0, ttl 255
 * // one platform thread per receive socket:
 * Optional<ReceivedPacket> p = rx.receive(timeoutMillis);        // empty on timeout or rx.wakeup()
 * tx.send(advertBytes, RawSocket.VRRP_GROUP_V4);                   // or a unicast peer
 *
 * try (Rtnetlink rtnl = Rtnetlink.open()) {
 *     rtnl.addAddress(LinkAddress.of(eth0.index(), vip, 24));    // LinuxException: errno EEXIST / EPERM
 *     rtnl.deleteAddress(...);                                   // errno EADDRNOTAVAIL when absent
 *     rtnl.addresses(eth0.index());                              // residual-VIP cleanup at startup
 *     Link link = rtnl.link(eth0.index());                       // MAC for GARP/NA, operational()
 * }
 * try (PacketSocket ps = PacketSocket.open()) {
 *     ps.send(eth0.index(), GratuitousArp.frame(link.mac(), vip4));
 *     ps.send(eth0.index(), UnsolicitedNeighbourAdvert.frame(link.mac(), vip6, forwarding));
 * }
 * NetlinkMonitor monitor = NetlinkMonitor.open();                 // LinkChanged / AddressAdded / AddressRemoved
 * }</pre>
 *
 * <p>Every failure is a {@link dev.tandem.linux.LinuxException} naming the call, the errno and, for EPERM,
 * the capability to grant. Sockets belong to the network namespace of the thread that opened them.
 */
package dev.tandem.linux;
