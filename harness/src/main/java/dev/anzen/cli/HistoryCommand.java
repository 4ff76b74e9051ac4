package dev.anzen.cli;

import dev.anzen.report.History;
import dev.anzen.report.HistoryTable;
import dev.anzen.report.Leaderboard;
import dev.anzen.report.RunFiles;
import dev.anzen.run.Defaults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anzen history}: prints targets' scores across runs from the history file. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Print each target's score across runs, from the history file every 'anzen run' appends to.")
final class HistoryCommand implements Callable<Integer> {

    @Option(names = {"-t", "--target"}, paramLabel = "NAME", description = "Only this target. Repeatable.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--history", paramLabel = "FILE",
            description = "History file (default: " + "results/" + Defaults.HISTORY_FILE + ").")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path f = file != null ? file : Defaults.RESULTS.resolve(Defaults.HISTORY_FILE);
        List<History.Row> rows;
        try {
            rows = History.read(f);
        } catch (IOException e) {
            err.println("anzen: " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        }
        List<History.Row> chosen = rows.stream().filter(r -> targets.isEmpty() || targets.contains(r.target())).toList();
        if (chosen.isEmpty()) {
            err.println("anzen: " + f + ": no rows" + (targets.isEmpty() ? "" : " for target(s) " + targets
                    + " (targets in the file: " + rows.stream().map(History.Row::target).distinct().toList() + ")"));
            return AnzenCli.BAD_INPUT;
        }
        HistoryTable.print(chosen, spec.commandLine().getOut());
        return AnzenCli.OK;
    }

    /** The default history file of a run directory: history.csv in the folder that holds it. */
    static Path defaultFor(Path runDir) {
        Path parent = runDir.toAbsolutePath().normalize().getParent();
        return (parent != null ? parent : runDir.toAbsolutePath()).resolve(Defaults.HISTORY_FILE);
    }

    /** Appends a finished run to the history; a failure is a warning (the run's own results are already written). */
    static void appendRun(Path historyFile, Path runDir, Leaderboard board, PrintWriter out, PrintWriter err) {
        try {
            History.append(historyFile, RunFiles.manifest(runDir), board);
            out.println("History: " + historyFile);
        } catch (IOException e) {
            err.println("anzen: history not updated: " + e.getMessage());
        }
        out.flush();
    }
}
