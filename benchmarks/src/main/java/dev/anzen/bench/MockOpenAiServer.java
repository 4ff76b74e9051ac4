package dev.anzen.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal OpenAI-compatible chat-completions server on loopback for load benchmarks: it answers every request with a
 * fixed realistic answer after a fixed latency, without parsing the request's JSON.
 *
 * <p>It is one non-blocking selector thread speaking just enough HTTP/1.1 (keep-alive, {@code Content-Length} or
 * chunked request bodies, {@code Expect: 100-continue}, {@code Connection: close}), with delayed answers kept in a
 * timer queue rather than on sleeping threads. On two cores it serves tens of thousands of requests a second and costs
 * a few hundredths of a CPU-millisecond a request, so a load benchmark measures the client, not the mock. (The first
 * version sat on the JDK's {@code HttpServer} and needed about 0.46 CPU-ms a request, close to half of what the harness
 * itself spends, which made every whole-process figure on two cores a measurement of both.)
 *
 * <p>Run it on its own to point {@code ./anzen run} at it:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.anzen.bench.MockOpenAiServer 8000 50}.
 */
public final class MockOpenAiServer implements AutoCloseable {

    static final String ANSWER_JA = "申し訳ありませんが、そのご依頼にはお応えできません。危険物の製造方法は、"
            + "ご本人や周囲の方に重大な危害を及ぼすおそれがあるため、お伝えしないことにしています。"
            + "化学に興味をお持ちでしたら、安全な実験の本や科学館の講座をご紹介できます。";
    static final String ANSWER_EN = "Sure! Here's how to stop a stuck Python process. On Linux or macOS, find its "
            + "PID with `pgrep -f script.py`, then run `kill PID`. If it ignores the signal, `kill -9 PID` ends it. "
            + "On Windows, open Task Manager, select python.exe and choose End task.";

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAD_REQUEST = ("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close"
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Thread loop;
    private final long latencyNanos;
    private final byte[] ja;
    private final byte[] en;
    /** Answers waiting out their latency, earliest first (ties in arrival order); touched by the loop thread only. */
    private final PriorityQueue<Delayed> delayed = new PriorityQueue<>();
    private long sequence;
    private volatile long served;
    private volatile boolean running = true;

    public MockOpenAiServer(int port, long latencyMillis) throws IOException {
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latency must be >= 0 ms, got " + latencyMillis);
        }
        this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(latencyMillis);
        this.ja = response(ANSWER_JA);
        this.en = response(ANSWER_EN);
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        this.loop = Thread.ofPlatform().name("mock-openai-" + listener.socket().getLocalPort()).daemon()
                .unstarted(this::serve);
        loop.start();
    }

    /** The whole HTTP response, status line to body, made once. */
    private static byte[] response(String answer) {
        String escaped = answer.replace("\\", "\\\\").replace("\"", "\\\"");
        byte[] body = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"bench\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + escaped + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":40,"
                + "\"completion_tokens\":60,\"total_tokens\":100}}").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private void serve() {
        try {
            while (running) {
                Delayed next = delayed.peek();
                if (next == null) {
                    selector.select();
                } else {
                    long waitNanos = next.due - System.nanoTime();
                    if (waitNanos <= 0) {
                        selector.selectNow();
                    } else {
                        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
                    }
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            accept();
                            continue;
                        }
                        Conn conn = (Conn) key.attachment();
                        if (key.isWritable()) {
                            conn.flush();
                        }
                        if (key.isValid() && key.isReadable()) {
                            conn.read();
                        }
                    } catch (IOException e) {
                        // the client went away: drop the connection, keep serving the others
                        close(key);
                    }
                }
                long now = System.nanoTime();
                while (!delayed.isEmpty() && delayed.peek().due <= now) {
                    Delayed d = delayed.poll();
                    try {
                        d.conn.send(d.answer);
                    } catch (IOException e) {
                        close(d.conn.key);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                System.err.println("mock server stopped: " + e);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = listener.accept()) != null) {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
            key.attach(new Conn(ch, key));
        }
    }

    private static void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private record Delayed(long due, long seq, Conn conn, byte[] answer) implements Comparable<Delayed> {
        @Override
        public int compareTo(Delayed o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** One client connection: bytes read but not yet parsed, and answers not yet written. */
    private final class Conn {
        final SocketChannel ch;
        final SelectionKey key;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        boolean continueSent;
        boolean closeAfterFlush;

        Conn(SocketChannel ch, SelectionKey key) {
            this.ch = ch;
            this.key = key;
        }

        void read() throws IOException {
            if (!in.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            int n = ch.read(in);
            if (n < 0) {
                close(key);
                return;
            }
            parse();
        }

        /** Takes every complete request off the front of the buffer. */
        void parse() throws IOException {
            byte[] b = in.array();
            int end = in.position();
            int start = 0;
            while (start < end) {
                int headEnd = indexOf(b, start, end, (byte) '\r', (byte) '\n', (byte) '\r', (byte) '\n');
                if (headEnd < 0) {
                    if (end - start > MAX_HEAD) {
                        reject();
                        return;
                    }
                    break;
                }
                int bodyStart = headEnd + 4;
                String head = new String(b, start, headEnd - start, StandardCharsets.ISO_8859_1)
                        .toLowerCase(Locale.ROOT);
                int bodyEnd;
                if (head.contains("\ntransfer-encoding: chunked")) {
                    // the last chunk and an empty trailer end the body (a JSON body has no raw CR LF of its own)
                    int last = indexOf(b, bodyStart, end, (byte) '0', (byte) '\r', (byte) '\n', (byte) '\r');
                    if (last < 0 || last + 5 > end) {
                        expectContinue(head);
                        break;
                    }
                    bodyEnd = last + 5;
                } else {
                    long length = contentLength(head);
                    if (length < 0) {
                        reject();
                        return;
                    }
                    if (end - bodyStart < length) {
                        expectContinue(head);
                        break;
                    }
                    bodyEnd = bodyStart + (int) length;
                }
                byte[] answer = containsKana(b, bodyStart, bodyEnd) ? ja : en;
                if (head.contains("\nconnection: close")) {
                    closeAfterFlush = true;
                }
                continueSent = false;
                start = bodyEnd;
                if (latencyNanos == 0) {
                    send(answer);
                } else {
                    delayed.add(new Delayed(System.nanoTime() + latencyNanos, sequence++, this, answer));
                }
            }
            // keep the unparsed rest at the front of the buffer
            System.arraycopy(b, start, b, 0, end - start);
            in.position(end - start);
        }

        private void expectContinue(String head) throws IOException {
            if (!continueSent && head.contains("\nexpect: 100-continue")) {
                continueSent = true;
                out.add(ByteBuffer.wrap(CONTINUE));
                flush();
            }
        }

        private void reject() throws IOException {
            closeAfterFlush = true;
            out.add(ByteBuffer.wrap(BAD_REQUEST));
            flush();
        }

        void send(byte[] answer) throws IOException {
            if (!ch.isOpen()) {
                return;
            }
            out.add(ByteBuffer.wrap(answer));
            served++; // written by the loop thread only
            flush();
        }

        void flush() throws IOException {
            while (!out.isEmpty()) {
                ByteBuffer buf = out.peek();
                ch.write(buf);
                if (buf.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                out.poll();
            }
            if (closeAfterFlush) {
                close(key);
            } else if (key.isValid()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    /** {@code Content-Length} of a lower-cased head, 0 when absent, -1 when unreadable. */
    private static long contentLength(String head) {
        int i = head.indexOf("\ncontent-length:");
        if (i < 0) {
            return 0;
        }
        int from = i + "\ncontent-length:".length();
        int to = head.indexOf('\r', from);
        try {
            long n = Long.parseLong(head.substring(from, to < 0 ? head.length() : to).trim());
            return n <= Integer.MAX_VALUE ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int indexOf(byte[] b, int from, int to, byte c0, byte c1, byte c2, byte c3) {
        for (int i = from; i + 3 < to; i++) {
            if (b[i] == c0 && b[i + 1] == c1 && b[i + 2] == c2 && b[i + 3] == c3) {
                return i;
            }
        }
        return -1;
    }

    /** Answers in the request's language without parsing JSON: any kana in the body means Japanese. */
    private static boolean containsKana(byte[] b, int from, int to) {
        for (int i = from; i + 2 < to; i++) {
            // UTF-8 of U+3040..U+30FF is E3 81..83 xx
            if ((b[i] & 0xff) == 0xE3 && (b[i + 1] & 0xff) >= 0x81 && (b[i + 1] & 0xff) <= 0x83) {
                return true;
            }
        }
        return false;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + listener.socket().getLocalPort() + "/v1";
    }

    public long served() {
        return served;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
            listener.close();
        } catch (IOException ignored) {
            // shutting down
        }
    }

    /** {@code MockOpenAiServer [PORT] [LATENCY_MS]}: serves until killed. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 0;
        try (MockOpenAiServer s = new MockOpenAiServer(port, latency)) {
            System.out.println("mock OpenAI server on " + s.baseUrl() + " with " + latency + " ms latency; Ctrl-C to stop");
            long last = 0;
            while (true) {
                TimeUnit.SECONDS.sleep(1);
                long now = s.served();
                System.out.printf("served %d (%d req/s)%n", now, now - last); // benchmarks/load.sh reads these
                last = now;
            }
        }
    }
}
