package dev.anzen.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.anzen.target.GenerationParams;
import dev.anzen.target.Provider;
import dev.anzen.target.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The YAML config file ({@code --config anzen.yaml}): targets and judges with their endpoints, key variables,
 * parameters and concurrency, plus run defaults. Unknown keys are errors that name file, line and field.
 *
 * @param judges judge models, in the same shape as targets (see {@code docs/judges.md})
 */
public record Config(List<Path> suites, Integer concurrency, Path out, List<TargetSpec> targets, List<String> attacks,
                     List<TargetSpec> judges) {

    public Config {
        attacks = attacks == null ? List.of() : List.copyOf(attacks);
        judges = judges == null ? List.of() : List.copyOf(judges);
    }

    /** An empty config: every setting from the command line or the defaults. */
    public static Config empty() {
        return new Config(List.of(), null, null, List.of(), List.of(), List.of());
    }

    /** The config in {@code file}, or the empty config when no file was given. */
    public static Config loadOrEmpty(Path file) throws ConfigException {
        return file == null ? empty() : load(file);
    }

    /** The file's shape, bound by Jackson (kebab-case keys). */
    record FileShape(List<String> suites, Integer concurrency, String out, List<TargetShape> targets,
                     List<String> attacks, List<TargetShape> judges) {
    }

    record TargetShape(String spec, String name, @JsonProperty("base-url") String baseUrl,
                       @JsonProperty("api-key-env") String apiKeyEnv, Integer concurrency, ParamShape parameters,
                       @JsonProperty("requests-per-minute") Integer requestsPerMinute,
                       @JsonProperty("tokens-per-minute") Integer tokensPerMinute,
                       @JsonProperty("adaptive-concurrency") Boolean adaptiveConcurrency) {
    }

    record ParamShape(Double temperature, Integer seed, @JsonProperty("max-tokens") Integer maxTokens, String timeout,
                      @JsonProperty("max-retries") Integer maxRetries) {
    }

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public static Config load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such config file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        FileShape shape;
        try {
            shape = YAML.readValue(text, FileShape.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ":" + line(text, e) + ": field '" + path(e) + "': unknown (allowed: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList() + ")");
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ":" + line(text, e) + ": field '" + path(e) + "': "
                    + e.getOriginalMessage().replaceAll("\\s+", " ").replaceAll(" at \\[Source.*", ""));
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ":" + line(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (shape == null) {
            return empty();
        }
        Map<String, Integer> lines = fieldLines(text);
        List<TargetSpec> targets = new ArrayList<>();
        if (shape.targets() != null) {
            for (int i = 0; i < shape.targets().size(); i++) {
                targets.add(target(file, lines, "targets", i, shape.targets().get(i)));
            }
        }
        List<TargetSpec> judges = new ArrayList<>();
        if (shape.judges() != null) {
            for (int i = 0; i < shape.judges().size(); i++) {
                TargetSpec j = target(file, lines, "judges", i, shape.judges().get(i));
                if (j.provider() == Provider.BUILTIN) {
                    throw new ConfigException(file + ":" + lines.getOrDefault("/judges/" + i, 0) + ": field 'judges["
                            + i + "].spec': a built-in reference target cannot judge (use an openai: or ollama: model)");
                }
                judges.add(j);
            }
        }
        if (shape.concurrency() != null && shape.concurrency() < 1) {
            throw new ConfigException(file + ":" + lines.getOrDefault("/concurrency", 0)
                    + ": field 'concurrency': must be at least 1, not " + shape.concurrency());
        }
        List<Path> suites = shape.suites() == null ? List.of() : shape.suites().stream().map(Path::of).toList();
        return new Config(suites, shape.concurrency(), shape.out() == null ? null : Path.of(shape.out()), targets,
                shape.attacks(), judges);
    }

    private static TargetSpec target(Path file, Map<String, Integer> lines, String list, int i, TargetShape t)
            throws ConfigException {
        String where = list + "[" + i + "]";
        String ptr = "/" + list + "/" + i;
        if (t == null || t.spec() == null || t.spec().isBlank()) {
            throw new ConfigException(file + ":" + lines.getOrDefault(ptr, 0) + ": field '" + where
                    + ".spec': missing (e.g. spec: ollama:qwen2.5:7b)");
        }
        try {
            TargetSpec spec = TargetSpec.parse(t.spec());
            if (t.apiKeyEnv() != null && !ENV_NAME.matcher(t.apiKeyEnv()).matches()) {
                throw new ConfigException(file + ":" + lines.getOrDefault(ptr + "/api-key-env", 0) + ": field '" + where
                        + ".api-key-env': '" + t.apiKeyEnv()
                        + "' is not an environment variable name (put the key in the environment, never in this file)");
            }
            if (t.apiKeyEnv() != null && spec.provider() != Provider.OPENAI) {
                throw new ConfigException(file + ":" + lines.getOrDefault(ptr + "/api-key-env", 0) + ": field '" + where
                        + ".api-key-env': only openai: targets take an API key");
            }
            GenerationParams params = GenerationParams.UNSET;
            ParamShape p = t.parameters();
            if (p != null) {
                Duration timeout = null;
                if (p.timeout() != null) {
                    timeout = duration(p.timeout()).orElseThrow(() -> new ConfigException(file + ":"
                            + lines.getOrDefault(ptr + "/parameters/timeout", 0) + ": field '" + where
                            + ".parameters.timeout': '" + p.timeout() + "' is not a duration (e.g. 90s, 2m)"));
                }
                try {
                    params = new GenerationParams(p.temperature(), p.seed(), p.maxTokens(), timeout, p.maxRetries());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(file + ":" + lines.getOrDefault(ptr + "/parameters", 0) + ": field '"
                            + where + ".parameters': " + e.getMessage());
                }
            }
            dev.anzen.target.Limits limits;
            try {
                limits = new dev.anzen.target.Limits(t.requestsPerMinute() == null ? 0 : t.requestsPerMinute(),
                        t.tokensPerMinute() == null ? 0 : t.tokensPerMinute(), Boolean.TRUE.equals(t.adaptiveConcurrency()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ":" + lines.getOrDefault(ptr, 0) + ": field '" + where + "': "
                        + e.getMessage());
            }
            return new TargetSpec(t.name(), spec.provider(), spec.model(), t.baseUrl(), t.apiKeyEnv(), params,
                    t.concurrency(), limits);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ":" + lines.getOrDefault(ptr, 0) + ": field '" + where + "': "
                    + e.getMessage());
        }
    }

    /** Parses 90s, 2m, 1500ms, 1h or an ISO-8601 duration (PT90S). */
    public static java.util.Optional<Duration> duration(String s) {
        Matcher m = Pattern.compile("(\\d+)\\s*(ms|s|m|h)").matcher(s.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return java.util.Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        try {
            return java.util.Optional.of(Duration.parse(s.strip()));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** The line of the field an error is about (Jackson's own location may already be past it). */
    private static int line(String text, JsonMappingException e) {
        StringBuilder ptr = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            ptr.append('/').append(r.getIndex() >= 0 ? String.valueOf(r.getIndex()) : r.getFieldName());
        }
        Integer l = fieldLines(text).get(ptr.toString());
        return l != null ? l : line(e.getLocation());
    }

    private static int line(JsonLocation loc) {
        return loc == null ? 0 : loc.getLineNr();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.toString();
    }

    /** Line of every value in the YAML by JSON pointer (/targets/0/base-url), for messages about semantic errors. */
    private static Map<String, Integer> fieldLines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t.isScalarValue() || t == JsonToken.START_ARRAY) {
                    lines.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // already parsed once; lines are a courtesy
        }
        return lines;
    }
}
