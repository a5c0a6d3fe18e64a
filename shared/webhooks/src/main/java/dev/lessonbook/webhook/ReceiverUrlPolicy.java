package dev.lessonbook.webhook;

import dev.lessonbook.config.Env;
import dev.lessonbook.integration.ReceiverUrls;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a webhook may be sent to: {@code https} to a host whose every address is public —
 * never loopback, private, link-local (the instance metadata service at 169.254.169.254 among
 * them), unique-local, carrier-grade NAT, multicast or unspecified — so a subscription cannot turn
 * Lessonbook into a way into its own network. Checked when the subscription is made and again
 * before every attempt, because a name can be re-pointed after it was accepted (DNS rebinding).
 *
 * <p>The local runtime alone also accepts {@code http://127.0.0.1:<port>}, so a developer's or a
 * test's receiver on loopback can be subscribed; deployed functions never set it.
 */
public record ReceiverUrlPolicy(boolean loopbackHttpAllowed, Resolver resolver) implements ReceiverUrls {

    /**
     * The local runtime's setting (value {@code allowed}) that also accepts loopback http receivers.
     * template.yaml never sets it; {@code LocalParameters} does.
     */
    public static final String LOOPBACK_SETTING = "WEBHOOK_LOOPBACK_RECEIVERS";

    /** Names to addresses; the system's DNS in production, a table in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] addressesOf(String host) throws UnknownHostException;
    }

    public sealed interface Verdict {}

    public record Accepted(URI url) implements Verdict {}

    public record Refused(String reason) implements Verdict {}

    /** What deployed functions use: https to public addresses, resolved by the system. */
    public static ReceiverUrlPolicy deployed() {
        return new ReceiverUrlPolicy(false, InetAddress::getAllByName);
    }

    /** What the local runtime uses: also {@code http://127.0.0.1:<port>}. */
    public static ReceiverUrlPolicy local() {
        return new ReceiverUrlPolicy(true, InetAddress::getAllByName);
    }

    /** {@link #local()} where the function's settings say so (the local runtime), else {@link #deployed()}. */
    public static ReceiverUrlPolicy fromEnvironment() {
        return Env.optional(LOOPBACK_SETTING).filter("allowed"::equals).isPresent() ? local() : deployed();
    }

    @Override
    public Optional<String> refusal(String url) {
        return switch (check(url)) {
            case Accepted accepted -> Optional.empty();
            case Refused refused -> Optional.of(refused.reason());
        };
    }

    public Verdict check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException malformed) {
            return new Refused("The URL is not a valid absolute URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null) {
            return new Refused("The URL needs a host and no user information.");
        }
        if (loopbackHttpAllowed && scheme.equals("http") && host.equals("127.0.0.1") && uri.getPort() > 0) {
            return new Accepted(uri);
        }
        if (!scheme.equals("https")) {
            return new Refused("Only https URLs receive webhooks.");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.addressesOf(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException unknown) {
            return new Refused("The URL's host does not resolve.");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return new Refused("The URL's host resolves to an address that is not public (" + address.getHostAddress() + ").");
            }
        }
        return addresses.length == 0 ? new Refused("The URL's host does not resolve.") : new Accepted(uri);
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                   // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT 100.64/10
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking 198.18/15
                    && first < 240;                             // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc;                       // unique local fc00::/7 (fd00:ec2::254 among them)
        }
        return false;
    }
}
