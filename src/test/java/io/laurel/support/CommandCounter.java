package io.laurel.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/** Counts the database commands the application sends (the driver's command monitoring), for round-trip tests. */
@Singleton
public class CommandCounter implements CommandListener {

    private final List<String> commands = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        commands.add(event.getCommandName());
    }

    public void reset() {
        commands.clear();
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }
}
