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
 * Lessonbook into a way into its own network. Checked when the subscription is made and again on
 * every attempt, because a name can be re-pointed after it was accepted: at delivery the check is
 * made by the delivery client's resolver on the lookup whose addresses it connects to
 * ({@link #connectableAddressesOf}), so a name that answers differently between a check and the connect
 * (DNS rebinding) cannot slip through.
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
    private static final String LOOPBACK_RECEIVER_HOST = "127.0.0.1";

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

    /**
     * The whole check, as at subscription time: the URL's form ({@link #checkForm}), then every
     * address its host resolves to now ({@link #publicAddressesOf}).
     */
    public Verdict check(String url) {
        Verdict form = checkForm(url);
        if (!(form instanceof Accepted accepted) || isLoopbackReceiver(accepted.url())) {
            return form;
        }
        try {
            publicAddressesOf(accepted.url().getHost());
            return form;
        } catch (NotPublic notPublic) {
            return new Refused(notPublic.reason());
        } catch (UnknownHostException unknown) {
            return new Refused("The URL's host does not resolve.");
        }
    }

    /**
     * What can be told from the URL alone: absolute, a host and no user information, {@code https}
     * (or the local runtime's {@code http://127.0.0.1:<port>}). The host's addresses are checked by
     * {@link #publicAddressesOf} — at delivery time by the delivery client's own resolver, on the
     * very lookup whose addresses it connects to (docs/decisions.md, "Webhook deliveries").
     */
    public Verdict checkForm(String url) {
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
        if (isLoopbackReceiver(uri)) {
            return new Accepted(uri);
        }
        if (!scheme.equals("https")) {
            return new Refused("Only https URLs receive webhooks.");
        }
        return new Accepted(uri);
    }

    /** The local runtime's loopback receiver: {@code http://127.0.0.1:<port>}, where allowed. */
    private boolean isLoopbackReceiver(URI uri) {
        return loopbackHttpAllowed && "http".equalsIgnoreCase(uri.getScheme()) && LOOPBACK_RECEIVER_HOST.equals(uri.getHost())
                && uri.getPort() > 0;
    }

    /**
     * What the delivery client may connect to for {@code host}: {@link #publicAddressesOf}, and
     * under the local runtime's policy also the loopback receivers' host {@code 127.0.0.1} (a
     * literal: nothing is resolved). Only {@link #checkForm} decides which URLs get here.
     */
    public InetAddress[] connectableAddressesOf(String host) throws UnknownHostException {
        if (loopbackHttpAllowed && LOOPBACK_RECEIVER_HOST.equals(host)) {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        }
        return publicAddressesOf(host);
    }

    /**
     * The addresses of {@code host}, resolved once, if every one of them is public.
     *
     * @throws NotPublic when an address is not public, with the reason for the delivery log
     * @throws UnknownHostException when the host does not resolve
     */
    public InetAddress[] publicAddressesOf(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.addressesOf(name);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(name);
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new NotPublic("The URL's host resolves to an address that is not public (" + address.getHostAddress() + ").");
            }
        }
        return addresses;
    }

    /** A lookup whose answer holds an address a webhook may not be sent to. */
    public static final class NotPublic extends UnknownHostException {
        public NotPublic(String reason) {
            super(reason);
        }

        public String reason() {
            return getMessage();
        }
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
