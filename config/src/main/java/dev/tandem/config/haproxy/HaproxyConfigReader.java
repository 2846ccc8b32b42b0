package dev.tandem.config.haproxy;

import dev.tandem.config.ConfigText;
import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.HttpErrors;
import dev.tandem.config.haproxy.model.Proxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The haproxy.cfg front-end: reads files as {@code haproxy -f} does, runs conditional blocks,
 * parses every keyword into typed records, checks cross references, and hands back the sealed
 * model only when there is no error. Never throws on bad input.
 */
public final class HaproxyConfigReader {

    private HaproxyConfigReader() {}

    /** haproxy -f semantics: files in order; a directory means its *.cfg files in lexical order. */
    public static ParseResult<HaproxyConfig> read(List<Path> filesOrDirs, HostFacts host) {
        Report report = new Report();
        List<String> fileOrder = new ArrayList<>();
        Map<String, List<String>> texts = new LinkedHashMap<>();
        for (Path given : filesOrDirs) {
            for (Path file : expand(given, report)) {
                String shown = file.toString();
                fileOrder.add(shown);
                List<String> lines = ConfigText.readLines(file, shown, report);
                if (lines != null) {
                    texts.put(shown, lines);
                }
            }
        }
        return compile(texts, fileOrder, host, report);
    }

    /** Reads config text that is already in memory (tests, fuzzing, stdin). */
    static ParseResult<HaproxyConfig> readText(String name, String text, HostFacts host) {
        Report report = new Report();
        List<String> lines = ConfigText.lines(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), name, report);
        Map<String, List<String>> texts = new LinkedHashMap<>();
        if (lines != null) {
            texts.put(name, lines);
        }
        return compile(texts, List.of(name), host, report);
    }

    static ParseResult<HaproxyConfig> readBytes(String name, byte[] bytes, HostFacts host) {
        Report report = new Report();
        List<String> lines = ConfigText.lines(bytes, name, report);
        Map<String, List<String>> texts = new LinkedHashMap<>();
        if (lines != null) {
            texts.put(name, lines);
        }
        return compile(texts, List.of(name), host, report);
    }

    private static ParseResult<HaproxyConfig> compile(Map<String, List<String>> texts, List<String> fileOrder,
            HostFacts host, Report report) {
        HaproxyConfig model = null;
        try {
            ConditionalBlocks blocks = new ConditionalBlocks(host);
            ConfigCompiler compiler = new ConfigCompiler(host, report);
            boolean stopped = false;
            files:
            for (Map.Entry<String, List<String>> e : texts.entrySet()) {
                for (Line line : blocks.activeLines(e.getKey(), e.getValue(), report)) {
                    if (report.full()) {
                        report.stoppedAt(line.file(), line.number());
                        stopped = true;
                        break files;
                    }
                    compiler.line(line);
                }
            }
            if (!stopped) {
                CrossChecks.run(compiler, host, report);
                if (report.full()) {
                    report.stoppedAt(fileOrder.isEmpty() ? "<config>" : fileOrder.get(fileOrder.size() - 1), 0);
                }
            }
            if (!report.hasErrors()) {
                model = seal(compiler);
            }
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // A bug of ours must still end as a diagnostic, never as a stack trace for the operator.
            report.accept(Diagnostic.error(fileOrder.isEmpty() ? "<config>" : fileOrder.get(0), 0,
                    "internal error while reading the configuration (" + e.getClass().getSimpleName() + "); please report it"));
            model = null;
        }
        Map<String, Integer> order = new HashMap<>();
        for (String f : fileOrder) {
            order.putIfAbsent(f, order.size());
        }
        List<Diagnostic> sorted = new ArrayList<>(report.all());
        sorted.sort(Comparator.comparingInt((Diagnostic d) -> order.getOrDefault(d.file(), Integer.MAX_VALUE))
                .thenComparingInt(Diagnostic::line));
        return new ParseResult<>(java.util.Optional.ofNullable(model), sorted);
    }

    private static HaproxyConfig seal(ConfigCompiler c) {
        Map<String, HttpErrors> httpErrors = new LinkedHashMap<>();
        List<dev.tandem.config.haproxy.model.Userlist> userlists = new ArrayList<>();
        List<dev.tandem.config.haproxy.model.Peers> peers = new ArrayList<>();
        List<dev.tandem.config.haproxy.model.Resolvers> resolvers = new ArrayList<>();
        for (OtherSections.Draft d : c.others) {
            switch (d.kind) {
                case "http-errors" -> httpErrors.put(d.name, ProxySeal.httpErrors(d));
                case "userlist" -> userlists.add(ProxySeal.userlist(d));
                case "peers" -> peers.add(ProxySeal.peers(d));
                case "resolvers" -> resolvers.add(ProxySeal.resolvers(d));
                default -> throw new IllegalStateException(d.kind);
            }
        }
        List<Proxy> proxies = new ArrayList<>();
        for (ProxyDraft p : c.proxies) {
            proxies.add(ProxySeal.proxy(p, c.global, httpErrors));
        }
        return new HaproxyConfig(ProxySeal.global(c.global), proxies, userlists, peers, resolvers,
                List.copyOf(httpErrors.values()));
    }

    /** A file, or a directory's *.cfg files in lexical order (haproxy -f <dir>). */
    private static List<Path> expand(Path given, Report report) {
        if (!Files.isDirectory(given)) {
            return List.of(given);
        }
        try (Stream<Path> entries = Files.list(given)) {
            List<Path> cfgs = entries.filter(p -> p.getFileName().toString().endsWith(".cfg") && !Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            if (cfgs.isEmpty()) {
                report.accept(Diagnostic.error(given.toString(), 0, "directory contains no *.cfg file")
                        .withHint("haproxy -f <dir> reads the *.cfg files of the directory in lexical order"));
            }
            return cfgs;
        } catch (IOException | RuntimeException e) {
            report.accept(Diagnostic.error(given.toString(), 0, "cannot list directory: " + e.getMessage()));
            return List.of();
        }
    }
}
