"""All UI texts in German (default) and English, plus German number and date formats.

Pages look texts up by key with `t(key, lang, **values)`; a missing key is a test failure,
never a blank label. Problem messages from the import carry both languages themselves.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from matching.model import Problem, Severity

LANGUAGES = {"de": "Deutsch", "en": "English"}
DEFAULT_LANGUAGE = "de"

TEXTS: dict[str, dict[str, str]] = {
    "app.title": {"de": "Paarweise", "en": "Paarweise"},
    "app.tagline": {
        "de": "Fast Networking für Krankenkassen, Selbsthilfekontaktstellen und "
        "Selbsthilfeorganisationen",
        "en": "Fast networking for health insurers, self-help contact offices and "
        "self-help organisations",
    },
    "app.language": {"de": "Sprache", "en": "Language"},
    "app.unexpected_error": {
        "de": "Das hat leider nicht geklappt. Ihre Daten sind gespeichert; bitte laden Sie die "
        "Seite neu. Wenn es wieder passiert, melden Sie bitte, was Sie zuletzt getan haben.",
        "en": "Sorry, that did not work. Your data is saved; please reload the page. If it "
        "happens again, please report what you did last.",
    },
    # Live mode: the big screen (matching/live)
    "live.title": {"de": "Runde {round} von {total}", "en": "Round {round} of {total}"},
    "live.not_started": {"de": "Gleich geht es los", "en": "Starting soon"},
    "live.first_asks": {
        "de": "Person A fragt, Person B antwortet",
        "en": "Person A asks, person B answers",
    },
    "live.swap": {
        "de": "Wechsel – jetzt fragt die andere Person",
        "en": "Swap – now the other person asks",
    },
    "live.change_tables": {"de": "Tischwechsel", "en": "Change tables"},
    "live.time_up": {"de": "Die Zeit ist um", "en": "Time is up"},
    "live.paused": {"de": "Pause", "en": "Paused"},
    "live.ended": {"de": "Ende – vielen Dank!", "en": "The end – thank you!"},
    "live.table": {"de": "Tisch", "en": "Table"},
    "live.sound_on": {"de": "Ton an", "en": "Sound on"},
    "live.header": {"de": "Live-Steuerung", "en": "Live control"},
    "live.start": {"de": "Start", "en": "Start"},
    "live.pause": {"de": "Pause", "en": "Pause"},
    "live.resume": {"de": "Weiter", "en": "Resume"},
    "live.extend": {"de": "+1 Minute", "en": "+1 minute"},
    "live.next": {"de": "Nächste Runde", "en": "Next round"},
    "live.end": {"de": "Beenden", "en": "End"},
    "live.open_screen": {
        "de": "Großbildschirm öffnen (für den Beamer)",
        "en": "Open the big screen (for the projector)",
    },
    "live.settings": {"de": "Ablauf und Online-Räume", "en": "Flow and online rooms"},
    "live.screen_link": {
        "de": "Link für den Beamer (ohne Anmeldung)",
        "en": "Link for the projector (no login)",
    },
    "live.screen_link_help": {
        "de": "Öffnet nur den Großbildschirm dieser Veranstaltung – auch nach einem Neuladen, "
        "ohne Passwort-Abfrage vor dem Publikum. Wie ein Schlüssel behandeln.",
        "en": "Opens only this event's big screen – also after a reload, without a password "
        "prompt in front of the audience. Treat it like a key.",
    },
    "live.auto_advance": {
        "de": "Runden automatisch weiterschalten",
        "en": "Advance rounds automatically",
    },
    "live.break_seconds": {
        "de": "Sekunden für den Tischwechsel",
        "en": "Seconds to change tables",
    },
    "live.mode": {"de": "Form der Veranstaltung", "en": "How the event meets"},
    "live.mode_in_person": {"de": "vor Ort", "en": "in person"},
    "live.mode_hybrid": {"de": "hybrid", "en": "hybrid"},
    "live.mode_online": {"de": "online", "en": "online"},
    "live.link_template": {"de": "Link-Vorlage für Videoräume", "en": "Video room link template"},
    "live.link_template_help": {
        "de": "Ihr eigenes Jitsi, BigBlueButton oder Zoom. Platzhalter: {event}, {round}, "
        "{table}. Jeder Tisch zeigt dann seinen Link.",
        "en": "Your own Jitsi, BigBlueButton or Zoom. Placeholders: {event}, {round}, {table}. "
        "Each table then shows its link.",
    },
    "live.save_settings": {"de": "Einstellungen speichern", "en": "Save settings"},
    "live.settings_saved": {"de": "Einstellungen gespeichert.", "en": "Settings saved."},
    "live.checkin_header": {"de": "Wer ist da?", "en": "Who is here?"},
    "live.ideas_header": {"de": "Ideen aus den Gesprächen", "en": "Ideas from the conversations"},
    "live.no_ideas": {
        "de": "Noch keine Ideen. Teilnehmende notieren sie auf ihrer Seite „Mein Plan“.",
        "en": "No ideas yet. Participants note them on their page “Mein Plan”.",
    },
    "live.ideas_round": {"de": "Runde {round}", "en": "Round {round}"},
    "live.search": {"de": "Name suchen", "en": "Search a name"},
    "live.search_hint": {"de": "z. B. Anna", "en": "e.g. Anna"},
    "live.present": {"de": "Da", "en": "Here"},
    "live.no_show": {"de": "Fehlt", "en": "Missing"},
    "live.save_checkin": {"de": "Anwesenheit speichern", "en": "Save attendance"},
    "live.checkin_saved": {"de": "Anwesenheit gespeichert.", "en": "Attendance saved."},
    "live.walk_in_header": {"de": "Spontan dazugekommen", "en": "Walk-in"},
    "live.walk_in_add": {"de": "Hinzufügen und als da markieren", "en": "Add and mark as here"},
    "live.walk_in_added": {
        "de": "{name} ist hinzugefügt und als da markiert.",
        "en": "{name} was added and marked as here.",
    },
    "live.apply_header": {"de": "Ab nächster Runde anwenden", "en": "Apply from the next round"},
    "live.no_rounds_left": {
        "de": "Es gibt keine weitere Runde mehr.",
        "en": "There is no further round.",
    },
    "live.apply_help": {
        "de": "Ab Runde {round} – fehlend: {absent}, neu da: {arrived}. Erst die Vorschau "
        "zeigt, wer wohin wechselt; gespeichert wird erst mit „Anwenden“.",
        "en": "From round {round} – missing: {absent}, newly here: {arrived}. The preview shows "
        "who moves where; nothing changes before “Apply”.",
    },
    "live.preview": {"de": "Vorschau berechnen", "en": "Compute preview"},
    "live.rules_broken": {
        "de": "{n} Regeln wären verletzt (siehe Hinweise oben).",
        "en": "{n} rules would be broken (see the notes above).",
    },
    "live.moves": {
        "de": "Runde {round}: {n} Personen wechseln den Tisch",
        "en": "Round {round}: {n} people change tables",
    },
    "live.move_line": {"de": "{name}: Tisch {old} → {new}", "en": "{name}: table {old} → {new}"},
    "live.no_moves": {"de": "Niemand wechselt.", "en": "Nobody moves."},
    "live.apply": {"de": "Anwenden", "en": "Apply"},
    "live.applied": {
        "de": "Der neue Plan gilt ab Runde {round}; der Großbildschirm zeigt ihn dann.",
        "en": "The new plan applies from round {round}; the big screen shows it then.",
    },
    "live.fullscreen": {"de": "Vollbild", "en": "Full screen"},
    "live.seated": {"de": "bleibt sitzen", "en": "stays seated"},
    "live.resting": {"de": "Diese Runde Pause", "en": "Resting this round"},
    "live.page": {"de": "Seite {page} von {pages}", "en": "Page {page} of {pages}"},
    "live.link_invalid": {
        "de": "Der Link für Videotische muss mit https:// oder http:// und einem Servernamen "
        "beginnen und darf keine Leerzeichen enthalten.",
        "en": "The video table link must start with https:// or http:// and a server name "
        "and must not contain spaces.",
    },
    "live.link_placeholder": {
        "de": "Im Link für Videotische sind nur die Platzhalter {{event}}, {{round}} und "
        "{{table}} erlaubt, nicht {found}.",
        "en": "The video table link may only use the placeholders {{event}}, {{round}} and "
        "{{table}}, not {found}.",
    },
    # The participant's own page (matching/live/my_plan) and take-home (matching/output/take_home)
    "mine.title": {"de": "Runde {round} von {total}", "en": "Round {round} of {total}"},
    "mine.before_title": {"de": "Gleich geht es los", "en": "Starting soon"},
    "mine.plan_follows": {"de": "Ihr Plan folgt", "en": "Your plan will follow"},
    "mine.plan_follows_hint": {
        "de": "Sobald Ihr Platz feststeht, sehen Sie ihn hier.",
        "en": "As soon as your place is set, you will see it here.",
    },
    "mine.table": {"de": "Tisch {table}", "en": "Table {table}"},
    "mine.room": {"de": "Videoraum {table}", "en": "Video room {table}"},
    "mine.break": {"de": "Pause", "en": "Break"},
    "mine.not_planned_title": {"de": "Nicht eingeplant", "en": "Not planned"},
    "mine.at_table": {"de": "Sie sitzen an Tisch {table}.", "en": "You sit at table {table}."},
    "mine.stay_seated": {
        "de": "Sie bleiben an Tisch {table} – Ihre Gesprächspartner kommen zu Ihnen.",
        "en": "You stay at table {table} – your partners come to you.",
    },
    "mine.in_room": {
        "de": "Bitte öffnen Sie den Link zu Ihrem Videoraum.",
        "en": "Please open the link to your video room.",
    },
    "mine.before_table": {
        "de": "Zum Start gehen Sie bitte an Tisch {table}.",
        "en": "At the start, please go to table {table}.",
    },
    "mine.before_room": {
        "de": "Zum Start öffnen Sie bitte den Link zu Videoraum {table}.",
        "en": "At the start, please open the link to video room {table}.",
    },
    "mine.before_resting": {
        "de": "In Runde {round} haben Sie Pause.",
        "en": "You have a break in round {round}.",
    },
    "mine.before_resting_back": {
        "de": "In Runde {round} haben Sie Pause – ab Runde {back} sind Sie dabei.",
        "en": "You have a break in round {round} – you join from round {back}.",
    },
    "mine.resting": {"de": "Diese Runde haben Sie Pause.", "en": "You have a break this round."},
    "mine.resting_back": {
        "de": "Diese Runde haben Sie Pause – ab Runde {back} geht es weiter.",
        "en": "You have a break this round – you are back from round {back}.",
    },
    "mine.not_planned": {
        "de": "Für diese Runde sind Sie nicht eingeplant. Bitte wenden Sie sich an das Team "
        "vor Ort.",
        "en": "You are not planned for this round. Please ask the team on site.",
    },
    "mine.ended_title": {"de": "Ende – vielen Dank!", "en": "The end – thank you!"},
    "mine.ended": {
        "de": "Die Veranstaltung ist zu Ende. Vielen Dank fürs Mitmachen!",
        "en": "The event is over. Thank you for taking part!",
    },
    "mine.first_you": {"de": "Sie fragen zuerst.", "en": "You ask first."},
    "mine.first_partner": {"de": "Ihr Gegenüber fragt zuerst.", "en": "Your partner asks first."},
    "mine.second_you": {"de": "Jetzt fragen Sie.", "en": "Now you ask."},
    "mine.second_partner": {"de": "Jetzt fragt Ihr Gegenüber.", "en": "Now your partner asks."},
    "mine.trio_first_you": {
        "de": "Sie fragen zuerst, {others} antworten.",
        "en": "You ask first; {others} answer.",
    },
    "mine.trio_first_other": {
        "de": "{first} fragt zuerst, Sie und {others} antworten.",
        "en": "{first} asks first; you and {others} answer.",
    },
    "mine.trio_second_you": {
        "de": "Jetzt fragen {others} abwechselnd, Sie antworten.",
        "en": "Now {others} take turns asking; you answer.",
    },
    "mine.trio_second_other": {
        "de": "Jetzt fragen Sie und {others} abwechselnd, {first} antwortet.",
        "en": "Now you and {others} take turns asking; {first} answers.",
    },
    "mine.paused": {"de": "Die Zeit ist kurz angehalten.", "en": "The clock is paused for now."},
    "mine.go_to_table": {
        "de": "Bitte gehen Sie jetzt zu Tisch {table}.",
        "en": "Please go to table {table} now.",
    },
    "mine.stay_next": {
        "de": "Bitte bleiben Sie an Tisch {table} sitzen – Ihre nächsten Gesprächspartner "
        "kommen zu Ihnen.",
        "en": "Please stay at table {table} – your next partners come to you.",
    },
    "mine.go_to_room": {
        "de": "Bitte wechseln Sie jetzt in Ihren nächsten Videoraum.",
        "en": "Please switch to your next video room now.",
    },
    "mine.rest_next": {
        "de": "In der nächsten Runde haben Sie Pause.",
        "en": "You have a break in the next round.",
    },
    "mine.not_planned_next": {
        "de": "Für die nächste Runde sind Sie nicht eingeplant.",
        "en": "You are not planned for the next round.",
    },
    "mine.time_up": {"de": "Die Zeit ist um.", "en": "Time is up."},
    "mine.upcoming": {"de": "Als Nächstes", "en": "Coming up"},
    "mine.earlier": {"de": "Bisher", "en": "So far"},
    "mine.and": {"de": "und", "en": "and"},
    "mine.seat_talk": {
        "de": "Runde {round}: Tisch {table} mit {partners}",
        "en": "Round {round}: table {table} with {partners}",
    },
    "mine.seat_room": {
        "de": "Runde {round}: Videoraum {table} mit {partners}",
        "en": "Round {round}: video room {table} with {partners}",
    },
    "mine.seat_resting": {"de": "Runde {round}: Pause", "en": "Round {round}: break"},
    "mine.seat_not_planned": {
        "de": "Runde {round}: nicht eingeplant",
        "en": "Round {round}: not planned",
    },
    "mine.changed_now": {
        "de": "Neu: Sie sitzen jetzt an Tisch {table} mit {partners}.",
        "en": "New: you now sit at table {table} with {partners}.",
    },
    "mine.changed_next": {
        "de": "Neu: In Runde {round} sitzen Sie an Tisch {table} mit {partners}.",
        "en": "New: in round {round} you sit at table {table} with {partners}.",
    },
    "mine.changed_now_room": {
        "de": "Neu: Sie sprechen jetzt in Videoraum {table} mit {partners}.",
        "en": "New: you now talk in video room {table} with {partners}.",
    },
    "mine.changed_next_room": {
        "de": "Neu: In Runde {round} sprechen Sie in Videoraum {table} mit {partners}.",
        "en": "New: in round {round} you talk in video room {table} with {partners}.",
    },
    "mine.changed_now_resting": {
        "de": "Neu: Diese Runde haben Sie Pause.",
        "en": "New: you have a break this round.",
    },
    "mine.changed_next_resting": {
        "de": "Neu: In Runde {round} haben Sie Pause.",
        "en": "New: you have a break in round {round}.",
    },
    "mine.changed_now_not_planned": {
        "de": "Neu: Für diese Runde sind Sie nicht mehr eingeplant.",
        "en": "New: you are no longer planned for this round.",
    },
    "mine.changed_next_not_planned": {
        "de": "Neu: Für Runde {round} sind Sie nicht mehr eingeplant.",
        "en": "New: you are no longer planned for round {round}.",
    },
    "mine.pdf_title": {"de": "Meine Gespräche", "en": "My conversations"},
    "mine.unknown_title": {"de": "Code unbekannt", "en": "Unknown code"},
    "mine.unknown": {
        "de": "Dieser Link ist nicht (mehr) gültig. Bitte nutzen Sie den Link oder QR-Code auf "
        "Ihrer Karte, oder fragen Sie das Organisationsteam.",
        "en": "This link is not (or no longer) valid. Please use the link or QR code on your "
        "card, or ask the organising team.",
    },
    "mine.large_print": {"de": "Große Schrift", "en": "Large print"},
    "mine.open_room": {"de": "Videoraum öffnen", "en": "Open the video room"},
    "mine.time_left": {"de": "Verbleibende Zeit", "en": "Time left"},
    "mine.keep_header": {"de": "In Kontakt bleiben?", "en": "Keep in touch?"},
    "mine.keep_help": {
        "de": "Kreuzen Sie an, mit wem Sie in Kontakt bleiben möchten. Nur wenn beide das "
        "möchten und beide ihre E-Mail-Adresse freigeben, sehen Sie die Adresse des anderen – "
        "sonst erfährt niemand etwas.",
        "en": "Tick whom you would like to keep in touch with. Only when both want it and both "
        "share their e-mail address do you see the other's address – otherwise nobody learns "
        "anything.",
    },
    "mine.share_contacts": {
        "de": "Meine E-Mail-Adresse an Gesprächspartner weitergeben, die ebenfalls Kontakt möchten",
        "en": "Share my e-mail address with people I met who also want to keep in touch",
    },
    "mine.share_name": {
        "de": "Mein Name darf im Netzwerk-Bild und im Bericht stehen",
        "en": "My name may appear in the network picture and the report",
    },
    "mine.keep_with": {
        "de": "In Kontakt bleiben mit {name} (Runde {round})",
        "en": "Keep in touch with {name} (round {round})",
    },
    "mine.ideas_header": {"de": "Ideen", "en": "Ideas"},
    "mine.ideas_help": {
        "de": "Notieren Sie je Gespräch eine Idee oder Antwort (höchstens 500 Zeichen). Die "
        "Moderation sieht die Ideen je Frage, Ihren Namen nur, wenn Sie es erlauben.",
        "en": "Note one idea or answer per conversation (at most 500 characters). The "
        "facilitator sees the ideas per question, your name only if you allow it.",
    },
    "mine.idea_round": {"de": "Idee aus Runde {round}", "en": "Idea from round {round}"},
    "mine.idea_named": {"de": "Mit meinem Namen zeigen", "en": "Show with my name"},
    "mine.idea_save": {"de": "Idee speichern", "en": "Save idea"},
    "mine.idea_saved": {"de": "Gespeichert.", "en": "Saved."},
    "mine.take_home_header": {"de": "Meine Gespräche", "en": "My conversations"},
    "mine.download_pdf": {
        "de": "Meine Gespräche als PDF herunterladen",
        "en": "Download my conversations as PDF",
    },
    "mine.download_vcard": {
        "de": "Vereinbarte Kontakte als Visitenkarten (vCard)",
        "en": "Agreed contacts as contact cards (vCard)",
    },
    "mine.pdf_round": {
        "de": "Runde {round} · Tisch {table}",
        "en": "Round {round} · table {table}",
    },
    "mine.pdf_question": {"de": "Frage: {question}", "en": "Question: {question}"},
    "mine.pdf_idea": {"de": "Meine Idee: {idea}", "en": "My idea: {idea}"},
    "mine.pdf_email": {"de": "E-Mail: {email}", "en": "E-mail: {email}"},
    "mine.pdf_none": {
        "de": "Sie hatten bei dieser Veranstaltung keine Gespräche.",
        "en": "You had no conversations at this event.",
    },
    "mine.pdf_footer": {"de": "Paarweise · Seite {page}", "en": "Paarweise · page {page}"},
    "mine.vcard_note": {
        "de": "Paarweise: {title}, Runde {rounds}",
        "en": "Paarweise: {title}, round {rounds}",
    },
    "mine.vcard_note_many": {
        "de": "Paarweise: {title}, Runden {rounds}",
        "en": "Paarweise: {title}, rounds {rounds}",
    },
    "mine.base_url_invalid": {
        "de": "Die Adresse der App muss mit https:// oder http:// und einem Servernamen "
        "beginnen und darf keine Leerzeichen, kein ? und kein # enthalten, zum Beispiel "
        "https://paarweise.example.org.",
        "en": "The app's address must start with https:// or http:// and a server name and "
        "must not contain spaces, ? or #, for example https://paarweise.example.org.",
    },
    # Access (event contract, "Access") and privacy
    "access.login_title": {"de": "Anmelden", "en": "Log in"},
    "access.login_intro": {
        "de": "Diese Seiten sind für das Organisationsteam. Bitte geben Sie das Team-Passwort ein.",
        "en": "These pages are for the organising team. Please enter the team password.",
    },
    "access.password": {"de": "Team-Passwort", "en": "Team password"},
    "access.login": {"de": "Anmelden", "en": "Log in"},
    "access.logout": {"de": "Abmelden", "en": "Log out"},
    "access.wrong_password": {
        "de": "Das Passwort stimmt nicht. Bitte noch einmal versuchen.",
        "en": "That password is not right. Please try again.",
    },
    "access.wait": {
        "de": "Nach mehreren falschen Versuchen wartet jede Anmeldung länger (jetzt {seconds} s).",
        "en": "After several wrong attempts each login waits longer (now {seconds} s).",
    },
    "access.idle_logout": {
        "de": "Sie wurden nach {minutes} Minuten ohne Aktivität abgemeldet.",
        "en": "You were logged out after {minutes} minutes without activity.",
    },
    "access.logged_out": {"de": "Sie sind abgemeldet.", "en": "You are logged out."},
    "access.local_only": {
        "de": "🔒 Ohne Team-Passwort ist Paarweise nur auf diesem Computer erreichbar. Damit "
        "Handys im Raum die Seite öffnen können, mit Passwort starten: "
        "PAARWEISE_PASSWORD='…' make run",
        "en": "🔒 Without a team password Paarweise can only be opened on this computer. To let "
        "phones in the room open it, start with a password: PAARWEISE_PASSWORD='…' make run",
    },
    "access.local_only_refused": {
        "de": "Diese Paarweise-Installation hat kein Team-Passwort und ist darum nur auf dem "
        "Computer erreichbar, auf dem sie läuft.",
        "en": "This Paarweise installation has no team password, so it can only be opened on "
        "the computer it runs on.",
    },
    "access.config_error": {
        "de": "Das eingestellte Team-Passwort ist nicht verwendbar ({error}). Bitte die "
        "Einstellung PAARWEISE_PASSWORD_HASH prüfen.",
        "en": "The configured team password cannot be used ({error}). Please check the "
        "PAARWEISE_PASSWORD_HASH setting.",
    },
    "privacy.title": {"de": "Datenschutz", "en": "Privacy"},
    "participants.tab_privacy": {"de": "Datenschutz", "en": "Privacy"},
    "participants.reload": {
        "de": "Neu laden (meine Änderungen verwerfen)",
        "en": "Reload (drop my changes)",
    },
    "participants.keep_mine": {
        "de": "Meine Fassung behalten (überschreibt die andere)",
        "en": "Keep mine (overwrites the other)",
    },
    "participants.changed_meanwhile": {
        "de": "Jemand anderes hat die Liste inzwischen gespeichert. Sie sehen die Fassung, mit "
        "der Sie angefangen haben; beim Speichern können Sie wählen.",
        "en": "Someone else saved the list meanwhile. You see the version you started with; "
        "when you save you can choose.",
    },
    "participants.import_stale": {
        "de": "Die Liste wurde inzwischen geändert. Die Vorschau ist jetzt neu berechnet – bitte "
        "noch einmal prüfen und bestätigen.",
        "en": "The list changed meanwhile. The preview has been recomputed – please check it and "
        "confirm again.",
    },
    "privacy.panel_help": {
        "de": "Einwilligungen je Zweck, Auskunft und Löschen für einzelne Personen.",
        "en": "Consent per purpose, a person's data and deleting it.",
    },
    "privacy.consents_header": {"de": "Einwilligungen", "en": "Consent"},
    "privacy.consents_help": {
        "de": "Jede Änderung wird mit Zeitpunkt gespeichert und kann widerrufen werden.",
        "en": "Every change is stored with its time and can be withdrawn.",
    },
    "privacy.consent_network": {
        "de": "Name im Netzwerk und Bericht",
        "en": "Name in the network and report",
    },
    "privacy.consent_contacts": {
        "de": "Kontaktdaten an Gesprächspartner",
        "en": "Contact details to people met",
    },
    "privacy.save_consents": {"de": "Einwilligungen speichern", "en": "Save consent"},
    "privacy.consents_saved": {
        "de": "Einwilligungen gespeichert (geändert: {n}).",
        "en": "Consent saved (changed: {n}).",
    },
    "privacy.person_header": {
        "de": "Daten einer Person (Auskunft, Löschung)",
        "en": "One person's data (access, deletion)",
    },
    "privacy.person": {"de": "Person", "en": "Person"},
    "privacy.export_person": {
        "de": "Alle Daten dieser Person herunterladen (JSON)",
        "en": "Download all data of this person (JSON)",
    },
    "privacy.forget_confirm": {
        "de": "Ja, alle Daten von {name} löschen. In früheren Plänen steht dann „(gelöscht)“.",
        "en": "Yes, delete all data of {name}. Earlier plans then show “(gelöscht)”.",
    },
    "privacy.forget": {"de": "Daten löschen", "en": "Delete data"},
    "privacy.forgotten": {
        "de": "Die Daten von {name} sind gelöscht.",
        "en": "The data of {name} have been deleted.",
    },
    "privacy.note": {
        "de": "Die Teilnahme an einer Selbsthilfegruppe kann etwas über die Gesundheit "
        "verraten. Paarweise speichert alles nur auf diesem Computer (bzw. dem Server Ihrer "
        "Organisation), schickt nichts ins Internet und nutzt keine Fremddienste. Nötig sind "
        "nur Name, Organisation und Bereich; alles Weitere ist freiwillig. Gelöschte "
        "Veranstaltungen und Personen werden aus der Datenbankdatei entfernt. Einzelne "
        "Personen können ihre Daten als Datei erhalten oder löschen lassen (Seite "
        "Teilnehmende). Ohne Team-Passwort ist die App nur auf diesem Computer erreichbar.",
        "en": "Taking part in a self-help group can say something about a person's health. "
        "Paarweise stores everything on this computer only (or your organisation's server), "
        "sends nothing to the internet and uses no outside services. Only name, organisation "
        "and sector are required; everything else is optional. Deleted events and people are "
        "removed from the database file. Individual people can get their data as a file or "
        "have it deleted (Participants page). Without a team password the app can only be "
        "opened on this computer.",
    },
    "sector.Krankenkasse": {"de": "Krankenkasse", "en": "Health insurer"},
    "sector.Selbsthilfekontaktstelle": {
        "de": "Selbsthilfekontaktstelle",
        "en": "Self-help contact office",
    },
    "sector.Selbsthilfeorganisation": {
        "de": "Selbsthilfeorganisation",
        "en": "Self-help organisation",
    },
    "sector.Sonstige": {"de": "Sonstige", "en": "Other"},
    # Printables: cards, table signs, run sheet, badges (matching/output/printables)
    "print.cards_title": {"de": "Persönliche Karten", "en": "Personal cards"},
    "print.col_round": {"de": "Runde", "en": "Round"},
    "print.col_time": {"de": "Uhrzeit", "en": "Time"},
    "print.col_table": {"de": "Tisch", "en": "Table"},
    "print.col_partners": {"de": "Gespräch mit", "en": "Talking with"},
    "print.rest": {"de": "Pause", "en": "Break"},
    "print.not_planned": {"de": "nicht eingeplant", "en": "not planned"},
    "print.seated_at": {"de": "Sie bleiben an Tisch {table}", "en": "You stay at table {table}"},
    "print.seated_note": {
        "de": "Ihre Gesprächspartner kommen zu Ihnen.",
        "en": "Your partners come to you.",
    },
    "print.card_qr": {
        "de": "Ihr Plan auf dem Handy: QR-Code scannen",
        "en": "Your plan on your phone: scan the QR code",
    },
    "print.signs_title": {"de": "Tischschilder", "en": "Table signs"},
    "print.sign_kept": {"de": "bleibt besetzt", "en": "stays occupied"},
    "print.sign_kept_note": {
        "de": "Hier bleibt eine Person die ganze Zeit sitzen – bitte den Platz frei lassen.",
        "en": "Someone stays seated here all event – please leave the seat free.",
    },
    "print.sign_room": {"de": "Videoraum dieses Tisches", "en": "Video room of this table"},
    "print.sign_room_round": {
        "de": "Videoraum in Runde {round}",
        "en": "Video room in round {round}",
    },
    "print.sign_room_note": {
        "de": "Jede Runde hat einen eigenen Raum: Großbildschirm und persönliche Seite zeigen "
        "den Link jeder Runde.",
        "en": "Every round has its own room: the big screen and the personal page show each "
        "round's link.",
    },
    "print.runsheet_title": {"de": "Ablaufplan", "en": "Run sheet"},
    "print.runsheet_facts": {
        "de": "{rounds} Runden à {minutes} Minuten, {pause} Minuten Tischwechsel.",
        "en": "{rounds} rounds of {minutes} minutes, {pause} minutes to change tables.",
    },
    "print.runsheet_span": {"de": "Beginn {start}, Ende {end}.", "en": "Start {start}, end {end}."},
    "print.runsheet_round": {"de": "Runde {round} von {total}", "en": "Round {round} of {total}"},
    "print.runsheet_times": {
        "de": "Beginn {start} · Wechsel {half} · Ende {end}",
        "en": "Start {start} · swap {half} · end {end}",
    },
    "print.question": {"de": "Frage: {question}", "en": "Question: {question}"},
    "print.resting": {"de": "Pause: {names}", "en": "Resting: {names}"},
    "print.continued": {"de": "Fortsetzung", "en": "continued"},
    "print.page": {"de": "Seite {page}", "en": "Page {page}"},
    "print.badges_title": {"de": "Namensschilder", "en": "Name badges"},
    # navigation and shared bits
    "nav.section_prepare": {"de": "Vorbereiten", "en": "Prepare"},
    "nav.event": {"de": "Veranstaltung", "en": "Event"},
    "nav.participants": {"de": "Teilnehmende", "en": "Participants"},
    "nav.plan": {"de": "Plan", "en": "Plan"},
    "nav.current_event": {"de": "Aktuelle Veranstaltung", "en": "Current event"},
    "nav.section_run": {"de": "Durchführen", "en": "Run"},
    "nav.live": {"de": "Live-Steuerung", "en": "Live control"},
    "nav.screen": {"de": "Großbildschirm", "en": "Big screen"},
    "nav.number": {"de": "Nr. {n}", "en": "no. {n}"},
    "common.no_event": {
        "de": "Noch keine Veranstaltung gewählt. Legen Sie zuerst eine Veranstaltung an.",
        "en": "No event selected yet. Please create an event first.",
    },
    "col.name": {"de": "Name", "en": "Name"},
    "col.organisation": {"de": "Organisation", "en": "Organisation"},
    "col.sector": {"de": "Bereich", "en": "Sector"},
    "col.topics": {"de": "Themen", "en": "Topics"},
    "col.offers": {"de": "Ich biete", "en": "Offers"},
    "col.needs": {"de": "Ich suche", "en": "Needs"},
    "col.stays_seated": {"de": "Bleibt sitzen", "en": "Stays seated"},
    "col.wants_to_meet": {"de": "Möchte treffen", "en": "Wants to meet"},
    "col.avoid": {"de": "Nicht mit", "en": "Avoid"},
    "col.email": {"de": "E-Mail", "en": "E-mail"},
    "problems.errors.file": {
        "de": "{n} Problem(e) verhindern die Übernahme. Bitte in der Datei korrigieren:",
        "en": "{n} problem(s) prevent the import. Please correct them in the file:",
    },
    "problems.warnings.file": {
        "de": "{n} Hinweis(e) – die Liste kann trotzdem verwendet werden:",
        "en": "{n} warning(s) – the list can still be used:",
    },
    "problems.errors.table": {
        "de": "{n} Problem(e) verhindern das Speichern. Bitte in der Tabelle korrigieren:",
        "en": "{n} problem(s) prevent saving. Please correct them in the table:",
    },
    "problems.warnings.table": {
        "de": "{n} Hinweis(e) zur gespeicherten Liste:",
        "en": "{n} note(s) on the saved list:",
    },
    "problems.errors.form": {
        "de": "{n} Angabe(n) fehlen oder passen nicht. Bitte im Formular korrigieren:",
        "en": "{n} entry(ies) missing or invalid. Please correct them in the form:",
    },
    "problems.warnings.form": {"de": "{n} Hinweis(e):", "en": "{n} note(s):"},
    "problems.errors.plan": {
        "de": "{n} Problem(e) beim Planen:",
        "en": "{n} problem(s) while planning:",
    },
    "problems.warnings.plan": {"de": "{n} Hinweis(e) zum Plan:", "en": "{n} note(s) on the plan:"},
    "problems.row": {"de": "Zeile", "en": "Row"},
    "problems.column": {"de": "Spalte", "en": "Column"},
    # event page
    "event.header": {"de": "Veranstaltung", "en": "Event"},
    "event.title": {"de": "Titel", "en": "Title"},
    "event.date": {"de": "Datum", "en": "Date"},
    "event.place": {"de": "Ort", "en": "Place"},
    "event.rounds": {"de": "Runden", "en": "Rounds"},
    "event.minutes": {"de": "Minuten pro Runde", "en": "Minutes per round"},
    "event.people": {"de": "Teilnehmende", "en": "Participants"},
    "event.questions": {"de": "Fragen (eine pro Zeile)", "en": "Questions (one per line)"},
    "event.questions_help": {
        "de": "Die Fragen wechseln von Runde zu Runde; nach der letzten beginnt es von vorn.",
        "en": "Questions change from round to round; after the last one they start again.",
    },
    "event.series": {"de": "Reihe (optional)", "en": "Series (optional)"},
    "event.series_placeholder": {
        "de": "keine Reihe – oder Namen eintippen",
        "en": "no series – or type a name",
    },
    "event.series_help": {
        "de": "Treffen mit demselben Reihennamen bauen aufeinander auf: Wer sich bei einem "
        "früheren Treffen schon unterhalten hat, wird seltener zusammengesetzt, und die "
        "Netzwerk-Seite zeigt, wie das Netzwerk über die Reihe wächst.",
        "en": "Events with the same series name build on each other: people who already "
        "talked at an earlier event are paired less often, and the network page shows how "
        "the network grows over the series.",
    },
    "event.history_weight": {
        "de": "Wer sich schon kennt: wie stark vermeiden?",
        "en": "People who already met: how strongly to avoid?",
    },
    "event.history_weight_help": {
        "de": "0 = egal. 10 (Standard) wiegt etwa so viel wie ein Gespräch zwischen zwei "
        "Bereichen; höhere Werte vermeiden bekannte Paare noch stärker. Gilt nur in einer Reihe.",
        "en": "0 = no matter. 10 (default) weighs about as much as a conversation between two "
        "sectors; higher values avoid known pairs even more. Applies only within a series.",
    },
    "event.series_line": {"de": "Reihe: {series}", "en": "Series: {series}"},
    "event.duplicate_series": {
        "de": "Als nächstes Treffen derselben Reihe anlegen (wer sich schon kennt, sitzt "
        "seltener zusammen)",
        "en": "Create as the next event of the same series (people who already met sit "
        "together less often)",
    },
    "event.save": {"de": "Änderungen speichern", "en": "Save changes"},
    "event.create": {"de": "Veranstaltung anlegen", "en": "Create event"},
    "event.saved": {"de": "Gespeichert: {title}", "en": "Saved: {title}"},
    "event.created": {"de": "Veranstaltung angelegt: {title}", "en": "Event created: {title}"},
    "event.edit": {"de": "Bearbeiten", "en": "Edit"},
    "event.new": {"de": "Neue Veranstaltung", "en": "New event"},
    "event.none_yet": {
        "de": "Es gibt noch keine Veranstaltung. Legen Sie unten eine an oder starten Sie "
        "mit der Demo-Veranstaltung.",
        "en": "There is no event yet. Create one below or start with the demo event.",
    },
    "event.duplicate": {
        "de": "Duplizieren (z. B. für das nächste Jahr)",
        "en": "Duplicate (e.g. for next year)",
    },
    "event.duplicate_help": {
        "de": "Übernimmt Einstellungen, Fragen und Teilnehmende – ohne Pläne und Check-ins.",
        "en": "Copies settings, questions and participants – without plans and check-ins.",
    },
    "event.new_title": {"de": "Titel der Kopie", "en": "Title of the copy"},
    "event.new_date": {
        "de": "Datum der Kopie (leer: wie bisher)",
        "en": "Date of the copy (empty: the same)",
    },
    "event.copy_of": {"de": "{title} (Kopie)", "en": "{title} (copy)"},
    "event.duplicate_button": {"de": "Kopie anlegen", "en": "Create copy"},
    "event.duplicated": {"de": "Kopie angelegt: {title}", "en": "Copy created: {title}"},
    "event.title_missing": {
        "de": "Bitte geben Sie einen Titel ein.",
        "en": "Please enter a title.",
    },
    "event.delete": {"de": "Löschen", "en": "Delete"},
    "event.delete_warning": {
        "de": "Löscht die Veranstaltung mit allen personenbezogenen Daten: {n} Teilnehmende, "
        "alle Pläne, Check-ins und Zugangscodes. Das lässt sich nicht rückgängig machen.",
        "en": "Deletes the event with all personal data: {n} participants, all plans, "
        "check-ins and access codes. This cannot be undone.",
    },
    "event.delete_confirm": {
        "de": "Ja, „{title}“ mit allen Daten endgültig löschen",
        "en": "Yes, delete “{title}” with all its data for good",
    },
    "event.delete_button": {"de": "Endgültig löschen", "en": "Delete for good"},
    "event.deleted": {"de": "Gelöscht: {title}", "en": "Deleted: {title}"},
    "event.demo_button": {"de": "Demo-Veranstaltung anlegen", "en": "Create demo event"},
    "event.demo_help": {
        "de": "Eine erfundene Veranstaltung mit 41 fiktiven Personen zum Ausprobieren.",
        "en": "A made-up event with 41 fictional people to try things out.",
    },
    "event.demo_created": {"de": "Demo-Veranstaltung angelegt.", "en": "Demo event created."},
    # participants page
    "participants.header": {"de": "Teilnehmende", "en": "Participants"},
    "participants.total": {"de": "Gesamt", "en": "Total"},
    "participants.tab_list": {"de": "Liste bearbeiten", "en": "Edit list"},
    "participants.tab_import": {"de": "Datei importieren", "en": "Import file"},
    "participants.tab_walk_in": {"de": "Nachmeldung", "en": "Walk-in"},
    "participants.tab_export": {"de": "Exportieren", "en": "Export"},
    "participants.empty": {
        "de": "Noch keine Teilnehmenden. Importieren Sie eine Liste (Excel oder CSV).",
        "en": "No participants yet. Import a list (Excel or CSV).",
    },
    "participants.edit_help": {
        "de": "Zellen anklicken zum Ändern; unten neue Zeilen anfügen. Listen (Themen, "
        "Wünsche) mit Komma trennen. Erst „Änderungen speichern“ übernimmt alles.",
        "en": "Click a cell to change it; add rows at the bottom. Separate lists (topics, "
        "wishes) with commas. Nothing is stored until “Save changes”.",
    },
    "participants.save_edits": {"de": "Änderungen speichern", "en": "Save changes"},
    "participants.saved": {
        "de": "Liste gespeichert: {n} Personen.",
        "en": "List saved: {n} people.",
    },
    "participants.table_label": {"de": "Tabelle", "en": "Table"},
    "participants.import_help": {
        "de": "Laden Sie eine Excel-Datei (.xlsx) oder CSV-Datei hoch. Nötig sind die Spalten "
        "Name, Organisation (oder Institution) und Bereich. Optional: Themen, Ich biete, "
        "Ich suche, E-Mail, Bleibt sitzen, Möchte treffen, Nicht mit. Nichts wird "
        "gespeichert, bevor Sie die Übernahme bestätigen. Bitte nur erfassen, was die "
        "Planung braucht: Angaben zur Gesundheit gehören nicht in die Liste.",
        "en": "Upload an Excel (.xlsx) or CSV file. Required columns: Name, Organisation "
        "(or Institution) and Sector. Optional: Topics, Offers, Needs, E-Mail, Stays seated, "
        "Wants to meet, Avoid. Nothing is stored before you confirm the import. Please "
        "collect only what the planning needs: nothing about anyone's health.",
    },
    "participants.upload": {"de": "Teilnehmendenliste", "en": "Participant list"},
    "participants.notes": {"de": "Hinweise", "en": "Notes"},
    "participants.how_read": {"de": "So wurde die Datei gelesen", "en": "How the file was read"},
    "participants.change_header": {
        "de": "Was sich an der Liste ändert (noch nichts gespeichert)",
        "en": "What changes on the list (nothing stored yet)",
    },
    "participants.change_same": {
        "de": "{n} Personen bleiben, wie sie sind (erkannt an ID oder Name und Organisation).",
        "en": "{n} people stay as they are (recognised by id or by name and organisation).",
    },
    "participants.change_added": {"de": "Neu: {n} – {names}", "en": "New: {n} – {names}"},
    "participants.change_removed": {
        "de": "Nicht mehr dabei: {n} – {names}",
        "en": "No longer there: {n} – {names}",
    },
    "participants.change_changed": {
        "de": "Geändert bei {name}: {fields}",
        "en": "Changed for {name}: {fields}",
    },
    "participants.change_plan": {
        "de": "Der aktuelle Plan passt danach nicht mehr ganz (im Plan, aber nicht mehr dabei: "
        "{gone}; neu, noch ohne Platz: {new}). Nach der Übernahme unter „Plan → Anpassen“ "
        "neu planen.",
        "en": "The current plan will no longer fit entirely (in the plan but gone: {gone}; new, "
        "without a seat yet: {new}). After the import, re-plan under “Plan → Adjust”.",
    },
    "participants.ids_matched": {
        "de": "IDs: keine in der Datei – die Personen werden an Name und Organisation erkannt, "
        "neue bekommen eine neue ID.",
        "en": "Ids: none in the file – people are recognised by name and organisation, new ones "
        "get a new id.",
    },
    "participants.change_plan_rules": {
        "de": "Andere Regelverstöße im Plan (gleiche Organisation, „Nicht mit“ …): {before} → "
        "{after}.",
        "en": "Other broken rules in the plan (same organisation, avoid …): {before} → {after}.",
    },
    "participants.change_renumbered": {
        "de": "Die ID {old} gehörte früher {whose}; die Person in der Datei bekommt {new}.",
        "en": "The id {old} belonged to {whose} before; the person in the file gets {new}.",
    },
    "participants.change_plan_fine": {
        "de": "Der aktuelle Plan bleibt gültig.",
        "en": "The current plan stays valid.",
    },
    "participants.confirm_import": {"de": "{n} Personen übernehmen", "en": "Import {n} people"},
    "participants.confirm_import_removed": {
        "de": " – {n} bisherige fallen weg",
        "en": " – {n} people now on the list are removed",
    },
    "participants.imported": {"de": "{n} Personen übernommen.", "en": "{n} people imported."},
    "participants.fix_and_upload": {
        "de": "Bitte korrigieren Sie die Datei und laden Sie sie erneut hoch.",
        "en": "Please correct the file and upload it again.",
    },
    "participants.list_help": {
        "de": "Mehrere mit Komma trennen.",
        "en": "Separate several with commas.",
    },
    "participants.add": {"de": "Person hinzufügen", "en": "Add person"},
    "participants.added": {
        "de": "Hinzugefügt: {name} (ID {id}).",
        "en": "Added: {name} (ID {id}).",
    },
    "participants.export_csv": {"de": "Liste als CSV (Excel)", "en": "List as CSV (Excel)"},
    "participants.export_xlsx": {"de": "Liste als Excel-Datei", "en": "List as Excel file"},
    # what the import recognised in a file (matching.lists.recognition)
    "recognition.title": {"de": "So wurde die Datei gelesen", "en": "How the file was read"},
    "recognition.file_csv": {"de": "Dateiart: CSV-Textdatei", "en": "File type: CSV text file"},
    "recognition.file_xlsx": {
        "de": "Dateiart: Excel-Arbeitsmappe (.xlsx)",
        "en": "File type: Excel workbook (.xlsx)",
    },
    "recognition.encoding": {"de": "Zeichensatz: {encoding}", "en": "Text encoding: {encoding}"},
    "recognition.encoding_utf8": {"de": "UTF-8", "en": "UTF-8"},
    "recognition.encoding_utf8_bom": {
        "de": "UTF-8 mit BOM (wie Excel „CSV UTF-8“)",
        "en": "UTF-8 with BOM (like Excel “CSV UTF-8”)",
    },
    "recognition.encoding_cp1252": {
        "de": "Windows-1252 (wie Excel „CSV (Trennzeichen-getrennt)“)",
        "en": "Windows-1252 (like Excel “CSV (comma delimited)”)",
    },
    "recognition.encoding_utf16": {
        "de": "UTF-16 (wie Excel „Unicode-Text“)",
        "en": "UTF-16 (like Excel “Unicode Text”)",
    },
    "recognition.garbled": {
        "de": "Achtung: {n} Zeichen sehen verstümmelt aus (z. B. „Ã¼“ oder „�“ statt „ü“). "
        "Bitte Umlaute prüfen; in Excel hilft „Speichern unter → CSV UTF-8“.",
        "en": "Caution: {n} characters look garbled (e.g. “Ã¼” or “�” instead of “ü”). "
        "Please check umlauts; in Excel, “Save as → CSV UTF-8” helps.",
    },
    "recognition.separator": {
        "de": "Trennzeichen: {separator}",
        "en": "Columns separated by: {separator}",
    },
    "recognition.separator_semicolon": {"de": "Semikolon (;)", "en": "semicolon (;)"},
    "recognition.separator_comma": {"de": "Komma (,)", "en": "comma (,)"},
    "recognition.separator_tab": {"de": "Tabulator (Tab-Taste)", "en": "tab (Tab key)"},
    "recognition.separator_none": {
        "de": "Trennzeichen: keines gefunden – die Kopfzeile ist eine einzige Spalte",
        "en": "Columns separated by: nothing found – the header row is a single column",
    },
    "recognition.sheet": {"de": "Tabellenblatt: „{name}“", "en": "Sheet: “{name}”"},
    "recognition.sheet_first_of": {
        "de": "Tabellenblatt: „{name}“ (das erste von {n}; die anderen werden nicht gelesen)",
        "en": "Sheet: “{name}” (the first of {n}; the others are not read)",
    },
    "recognition.rows": {
        "de": "Zeilen: {n} unter der Kopfzeile",
        "en": "Rows: {n} below the header row",
    },
    "recognition.rows_with_empty": {
        "de": "Zeilen: {n} unter der Kopfzeile ({empty} leere übersprungen)",
        "en": "Rows: {n} below the header row ({empty} empty ones skipped)",
    },
    "recognition.columns": {"de": "Spalten: {columns}", "en": "Columns: {columns}"},
    "recognition.columns_none": {
        "de": "Spalten: keine erkannt",
        "en": "Columns: none recognised",
    },
    "recognition.missing": {
        "de": "Pflichtspalte nicht gefunden: {fields}",
        "en": "Required column not found: {fields}",
    },
    "recognition.ignored": {
        "de": "Nicht verwendet (unbekannte Spalten): {columns}",
        "en": "Not used (unknown columns): {columns}",
    },
    "recognition.duplicate": {
        "de": "Nicht verwendet (doppelt): {columns}",
        "en": "Not used (duplicate): {columns}",
    },
    "recognition.same_as": {"de": "{column} (wie {first})", "en": "{column} (same as {first})"},
    "recognition.unnamed": {
        "de": "Nicht verwendet (ohne Überschrift): Spalte {columns}",
        "en": "Not used (no heading): column {columns}",
    },
    "recognition.sectors": {"de": "Bereiche: {sectors}", "en": "Sectors: {sectors}"},
    "recognition.sectors_unknown": {
        "de": "Bereiche nicht erkannt: {sectors}",
        "en": "Sectors not recognised: {sectors}",
    },
    "recognition.sector_empty": {"de": "(leer)", "en": "(empty)"},
    "recognition.field_id": {"de": "ID", "en": "ID"},
    "recognition.field_email": {"de": "E-Mail", "en": "E-mail"},
    "recognition.ids_file": {
        "de": "IDs: aus der Spalte „{column}“ übernommen ({n})",
        "en": "IDs: taken from the column “{column}” ({n})",
    },
    "recognition.ids_generated": {
        "de": "IDs: keine in der Datei – neu vergeben: {ids}",
        "en": "IDs: none in the file – newly given: {ids}",
    },
    "recognition.ids_generated_empty": {
        "de": "IDs: die Spalte „{column}“ ist leer – neu vergeben: {ids}",
        "en": "IDs: the column “{column}” is empty – newly given: {ids}",
    },
    "recognition.ids_mixed": {
        "de": "IDs: {n} aus der Spalte „{column}“ übernommen, {m} leere neu vergeben: {ids}",
        "en": "IDs: {n} taken from the column “{column}”, {m} empty ones newly given: {ids}",
    },
    # plan page
    "plan.header": {"de": "Plan", "en": "Plan"},
    "plan.need_people": {
        "de": "Für einen Plan braucht es mindestens zwei Teilnehmende.",
        "en": "A plan needs at least two participants.",
    },
    "plan.odd": {"de": "Bei ungerader Zahl", "en": "With an odd number"},
    "plan.odd_trio": {"de": "ein Dreiertisch pro Runde", "en": "one table of three per round"},
    "plan.odd_rest": {"de": "eine Person pausiert", "en": "one person takes a break"},
    "plan.odd_help": {
        "de": "Pausen wechseln gerecht: niemand pausiert zweimal, bevor alle einmal dran waren.",
        "en": "Breaks rotate fairly: nobody rests twice before everyone has rested once.",
    },
    "plan.time_limit": {"de": "Rechenzeit (Sekunden)", "en": "Computing time (seconds)"},
    "plan.time_limit_help": {
        "de": "Höchstens so lange wird gerechnet; meist ist der Plan viel früher fertig.",
        "en": "The planner stops after this long at most; usually it is done much sooner.",
    },
    "plan.build": {"de": "Plan erstellen", "en": "Build plan"},
    "plan.working": {"de": "Plan wird berechnet …", "en": "Computing the plan …"},
    "plan.built": {
        "de": "Neuer Plan mit {rounds} Runden gespeichert.",
        "en": "New plan with {rounds} rounds saved.",
    },
    "plan.none_yet": {
        "de": "Noch kein Plan. Wählen Sie Runden und Rechenzeit und klicken Sie auf "
        "„Plan erstellen“.",
        "en": "No plan yet. Choose rounds and computing time and click “Build plan”.",
    },
    "plan.quality": {"de": "Qualität", "en": "Quality"},
    "plan.violations": {
        "de": "{n} Regel(n) verletzt – der Plan passt nicht (mehr) zur Liste:",
        "en": "{n} rule(s) broken – the plan does not fit the list (any more):",
    },
    "plan.violations_help": {
        "de": "Passen Sie den Plan unter „Anpassen“ an oder erstellen Sie ihn neu.",
        "en": "Adjust the plan under “Adjust” or build it again.",
    },
    "plan.tab_rounds": {"de": "Nach Runde", "en": "By round"},
    "plan.tab_people": {"de": "Nach Person", "en": "By person"},
    "plan.tab_sectors": {"de": "Bereiche", "en": "Sectors"},
    "plan.tab_metrics": {"de": "Kennzahlen", "en": "Metrics"},
    "plan.tab_adjust": {"de": "Anpassen", "en": "Adjust"},
    "plan.tab_versions": {"de": "Versionen", "en": "Versions"},
    "plan.tab_export": {"de": "Export", "en": "Export"},
    "plan.round": {"de": "Runde", "en": "Round"},
    "plan.round_n": {"de": "Runde {n}", "en": "Round {n}"},
    "plan.question": {"de": "Frage", "en": "Question"},
    "plan.table": {"de": "Tisch", "en": "Table"},
    "plan.stays_seated_mark": {"de": "bleibt besetzt", "en": "stays seated"},
    "plan.person_n": {"de": "Person {n}", "en": "Person {n}"},
    "plan.resting": {"de": "Pause: {names}", "en": "Break: {names}"},
    "plan.person": {"de": "Person", "en": "Person"},
    "plan.person_not_in_plan": {
        "de": "Diese Person kommt im Plan nicht vor (später hinzugefügt?).",
        "en": "This person is not in the plan (added later?).",
    },
    "plan.heatmap_help": {
        "de": "Wie oft sich Personen der Bereiche getroffen haben.",
        "en": "How often people of the sectors met.",
    },
    "plan.meetings": {"de": "Begegnungen", "en": "Meetings"},
    "plan.metric": {"de": "Kennzahl", "en": "Metric"},
    "plan.value": {"de": "Wert", "en": "Value"},
    "plan.version": {"de": "Version", "en": "Version"},
    "plan.created": {"de": "Erstellt", "en": "Created"},
    "plan.current": {"de": "Aktuell", "en": "Current"},
    "plan.restore": {"de": "Diese Version verwenden", "en": "Use this version"},
    "plan.restored": {"de": "Aktuelle Version: {label}", "en": "Current version: {label}"},
    "plan.export_xlsx": {"de": "Plan als Excel-Datei", "en": "Plan as Excel file"},
    "plan.export_csv": {"de": "Plan als CSV (Excel)", "en": "Plan as CSV (Excel)"},
    "plan.export_json": {"de": "Plan als JSON", "en": "Plan as JSON"},
    "metric.score": {"de": "Punktzahl", "en": "Score"},
    "metric.upper_bound": {
        "de": "Bestmögliche Punktzahl (Schranke)",
        "en": "Best possible score (bound)",
    },
    "metric.score_share": {"de": "Anteil am Bestmöglichen", "en": "Share of the best possible"},
    "metric.sector_coverage": {"de": "Alle Bereiche getroffen", "en": "Met every sector"},
    "metric.cross_sector_share": {
        "de": "Begegnungen über Bereiche hinweg",
        "en": "Meetings across sectors",
    },
    "metric.wishes_met": {"de": "Erfüllte Wünsche", "en": "Wishes met"},
    "metric.wishes_total": {"de": "Wünsche", "en": "Wishes"},
    "metric.repeats": {"de": "Wiederholte Paare", "en": "Repeated pairs"},
    "metric.same_org_pairs": {
        "de": "Paare aus einer Organisation",
        "en": "Pairs from one organisation",
    },
    "metric.people": {"de": "Personen", "en": "People"},
    "metric.rounds": {"de": "Runden", "en": "Rounds"},
    "metric.tables": {"de": "Tische (alle Runden)", "en": "Tables (all rounds)"},
    "metric.trios": {"de": "Dreiertische", "en": "Tables of three"},
    "metric.resting": {"de": "Pausen", "en": "Breaks"},
    "metric.solve_seconds": {"de": "Rechenzeit (s)", "en": "Computing time (s)"},
    "metric.rule_violations": {"de": "Regelverstöße", "en": "Rule violations"},
    "metric.tables_kept": {"de": "Tische beibehalten", "en": "Tables kept"},
    "metric.tables_changed": {"de": "Tische geändert", "en": "Tables changed"},
    "metric.known_pairs": {
        "de": "Paare, die sich schon kannten",
        "en": "Pairs who had met before",
    },
    "quality.rules_ok": {
        "de": "Alle Regeln eingehalten: keine Wiederholung, nie zwei aus einer Organisation.",
        "en": "Every rule holds: no repeats, never two people of one organisation.",
    },
    "quality.rules_broken": {"de": "{n} Regelverstöße.", "en": "{n} rule violations."},
    "quality.rule_broken": {"de": "1 Regelverstoß.", "en": "1 rule violation."},
    "quality.change_share": {
        "de": "Anteil am Bestmöglichen {before} → {after}",
        "en": "share of the best possible {before} → {after}",
    },
    "quality.change_score": {
        "de": "Punktzahl {before} → {after}",
        "en": "score {before} → {after}",
    },
    "quality.change_coverage": {
        "de": "alle Bereiche getroffen {before} → {after}",
        "en": "met every sector {before} → {after}",
    },
    "quality.change_rules": {
        "de": "Regelverstöße {before} → {after}",
        "en": "rule violations {before} → {after}",
    },
    "quality.change_wishes": {
        "de": "erfüllte Wünsche {before} → {after}",
        "en": "wishes met {before} → {after}",
    },
    "quality.coverage_full": {
        "de": "Jede Person trifft jeden anderen Bereich mindestens einmal (soweit die Runden "
        "es erlauben).",
        "en": "Every person meets every other sector at least once (as far as the rounds allow).",
    },
    "quality.coverage_partial": {
        "de": "{share} der Personen treffen jeden anderen Bereich.",
        "en": "{share} of people meet every other sector.",
    },
    "quality.score_share": {
        "de": "{share} des bestmöglichen Ergebnisses (nachgewiesene Obergrenze).",
        "en": "{share} of the best possible result (proven upper bound).",
    },
    "quality.score": {"de": "Punktzahl {score}.", "en": "Score {score}."},
    "quality.cross_sector": {
        "de": "{share} der Begegnungen verbinden verschiedene Bereiche.",
        "en": "{share} of meetings connect different sectors.",
    },
    "quality.wishes": {
        "de": "{met} von {total} Wünschen erfüllt.",
        "en": "{met} of {total} wishes met.",
    },
    "plan.history_on": {
        "de": "Diese Veranstaltung gehört zur Reihe „{series}“: {n} Paare auf der Liste haben "
        "sich bei früheren Treffen schon unterhalten. Der Plan vermeidet sie mit Gewicht "
        "{weight} (einstellbar auf der Seite Veranstaltung).",
        "en": "This event belongs to the series “{series}”: {n} pairs on the list already "
        "talked at earlier events. The plan avoids them with weight {weight} (set on the "
        "Event page).",
    },
    "plan.history_off": {
        "de": "Diese Veranstaltung gehört zur Reihe „{series}“: {n} Paare auf der Liste haben "
        "sich bei früheren Treffen schon unterhalten. Das Gewicht ist 0: der Plan nimmt "
        "darauf keine Rücksicht (einstellbar auf der Seite Veranstaltung).",
        "en": "This event belongs to the series “{series}”: {n} pairs on the list already "
        "talked at earlier events. The weight is 0: the plan ignores that (set on the Event "
        "page).",
    },
    "quality.known_pairs": {
        "de": "{n} Paare kannten sich schon von einem früheren Treffen der Reihe.",
        "en": "{n} pairs had already met at an earlier event of the series.",
    },
    "quality.known_pair": {
        "de": "1 Paar kannte sich schon von einem früheren Treffen der Reihe.",
        "en": "1 pair had already met at an earlier event of the series.",
    },
    "quality.known_pairs_none": {
        "de": "Kein Paar kannte sich schon von einem früheren Treffen der Reihe.",
        "en": "No pair had met at an earlier event of the series.",
    },
    # adjusting a plan
    "adjust.pin_header": {"de": "Paar festlegen", "en": "Pin a pair"},
    "adjust.pin_help": {
        "de": "Zwei Personen sitzen in einer bestimmten Runde sicher zusammen (z. B. die "
        "beiden Vorsitzenden in Runde 1). Der Rest des Plans ändert sich so wenig wie möglich.",
        "en": "Two people surely sit together in a given round (e.g. the two chairs in "
        "round 1). The rest of the plan changes as little as possible.",
    },
    "adjust.person_a": {"de": "Person", "en": "Person"},
    "adjust.person_b": {"de": "trifft", "en": "meets"},
    "adjust.pin_button": {"de": "Festlegen", "en": "Pin"},
    "adjust.same_person": {
        "de": "Bitte zwei verschiedene Personen wählen.",
        "en": "Please choose two different people.",
    },
    "adjust.regenerate_header": {"de": "Eine Runde neu verteilen", "en": "Regenerate one round"},
    "adjust.regenerate_help": {
        "de": "Verteilt nur diese Runde neu; alle anderen Runden bleiben, wie sie sind.",
        "en": "Re-plans only this round; all other rounds stay as they are.",
    },
    "adjust.regenerate_button": {"de": "Runde neu verteilen", "en": "Regenerate round"},
    "adjust.list_changed": {
        "de": "Die Liste hat sich seit dem Plan geändert: {new} Person(en) sind neu, {gone} "
        "stehen nicht mehr darauf. Neue sind unten als angekommen vorgemerkt, Gelöschte gelten "
        "als abwesend.",
        "en": "The list has changed since the plan: {new} person(s) are new, {gone} are no "
        "longer on it. New people are ticked as arrived below, deleted ones count as absent.",
    },
    "adjust.attendance_header": {
        "de": "Wer ist da? Neu planen ab einer Runde",
        "en": "Who is here? Re-plan from a round",
    },
    "adjust.attendance_help": {
        "de": "Abwesende und Angekommene ankreuzen, die Runde wählen, ab der sich etwas ändern "
        "darf: frühere Runden bleiben genau so, von den späteren möglichst viele Tische.",
        "en": "Tick who is absent and who arrived, choose the round from which things may "
        "change: earlier rounds stay exactly as they were, and as many later tables as possible.",
    },
    "adjust.absent": {"de": "Abwesend", "en": "Absent"},
    "adjust.arrived": {"de": "Angekommen (neu oder zurück)", "en": "Arrived (new or back)"},
    "adjust.from_round": {"de": "Neu planen ab", "en": "Re-plan from"},
    "adjust.from_round_help": {
        "de": "Die Runden davor haben stattgefunden und bleiben unverändert.",
        "en": "The rounds before it have happened and stay unchanged.",
    },
    "adjust.replan_button": {"de": "Neu planen", "en": "Re-plan"},
    "adjust.nothing_to_do": {
        "de": "Niemand ist als abwesend oder angekommen markiert – der Plan bleibt, wie er ist.",
        "en": "Nobody is marked absent or arrived – the plan stays as it is.",
    },
    "adjust.unpin": {"de": "Lösen", "en": "Remove"},
    "adjust.unpinned": {"de": "Festlegung entfernt.", "en": "Pin removed."},
    "adjust.quality": {"de": "Qualität: {change}", "en": "Quality: {change}"},
    "adjust.quality_dropped": {
        "de": "Achtung, die Qualität ist gesunken: {change} Über „Versionen“ geht es zurück.",
        "en": "Note, the quality dropped: {change} “Versions” takes you back.",
    },
    "version.plan": {"de": "Neuer Plan", "en": "New plan"},
    "common.cancel": {"de": "Abbrechen", "en": "Cancel"},
    "problems.field": {"de": "Feld", "en": "Field"},
    "problems.quoted": {"de": "{place} „{name}“", "en": "{place} “{name}”"},
    "common.choose_people": {"de": "Personen wählen …", "en": "Choose people …"},
    "store.stale_list": {
        "de": "Die Liste wurde inzwischen von jemand anderem geändert – neu laden oder Ihre "
        "Fassung behalten.",
        "en": "The list was changed meanwhile by someone else – reload, or keep yours.",
    },
    "store.idea_too_long": {
        "de": "Bitte kürzen: höchstens {limit} Zeichen, Ihr Text hat {length}.",
        "en": "Please shorten it: at most {limit} characters, your text has {length}.",
    },
    "adjust.nobody_new": {
        "de": "Niemand Neues auf der Liste (Nachmeldungen unter „Teilnehmende“)",
        "en": "Nobody new on the list (walk-ins under “Participants”)",
    },
    "participants.choose_sector": {"de": "Bereich wählen …", "en": "Choose a sector …"},
    "participants.walk_in_twin": {
        "de": "{name} wurde noch nicht gespeichert. Ist es jemand anderes mit demselben Namen?",
        "en": "{name} was not saved yet. Is it someone else with the same name?",
    },
    "participants.walk_in_add_anyway": {
        "de": "Ja, trotzdem hinzufügen",
        "en": "Yes, add anyway",
    },
    "version.pin": {"de": "Mit festgelegtem Paar", "en": "With pinned pair"},
    "version.unpin": {"de": "Festlegung entfernt", "en": "Pin removed"},
    "version.regenerate": {"de": "Runde {n} neu verteilt", "en": "Round {n} regenerated"},
    "version.attendance": {"de": "Neu geplant ab Runde {n}", "en": "Re-planned from round {n}"},
    "plan.confirm_replace": {
        "de": "Es gibt schon einen Plan. Ein neuer Plan ersetzt ihn als aktuelle Version (der "
        "alte bleibt unter „Versionen“). Wirklich neu erstellen?",
        "en": "There is a plan already. A new plan replaces it as the current version (the old "
        "one stays under “Versions”). Build a new one?",
    },
    "plan.confirm_replace_button": {
        "de": "Ja, neuen Plan erstellen",
        "en": "Yes, build a new plan",
    },
    "plan.departed": {
        "de": "{name} steht nicht mehr auf der Liste.",
        "en": "{name} is no longer on the list.",
    },
    "adjust.done": {
        "de": "Plan angepasst: {kept} Tische blieben gleich, {changed} haben sich geändert.",
        "en": "Plan adjusted: {kept} tables stayed, {changed} changed.",
    },
    # exports
    "export.round": {"de": "Runde", "en": "Round"},
    "export.table": {"de": "Tisch", "en": "Table"},
    "export.person_n": {"de": "Person {n}", "en": "Person {n}"},
    "export.org_n": {"de": "Organisation {n}", "en": "Organisation {n}"},
    "export.question": {"de": "Frage", "en": "Question"},
    "export.resting": {"de": "Pause", "en": "Break"},
    "export.partners": {"de": "Gesprächspartner", "en": "Partners"},
    "export.round_sheet": {"de": "Runde {n}", "en": "Round {n}"},
    "export.round_heading": {"de": "Runde {n}", "en": "Round {n}"},
    "export.overview_sheet": {"de": "Übersicht", "en": "Overview"},
    "export.people_sheet": {"de": "Personen", "en": "People"},
    "export.untitled_plan": {"de": "Rotationsplan", "en": "Rotation plan"},
    "export.person": {"de": "Person", "en": "Person"},
    "export.organisation": {"de": "Organisation", "en": "Organisation"},
    "export.date": {"de": "Datum", "en": "Date"},
    "export.place": {"de": "Ort", "en": "Place"},
    "export.rounds": {"de": "Runden", "en": "Rounds"},
    "export.minutes_per_round": {"de": "Minuten je Runde", "en": "Minutes per round"},
    "export.people": {"de": "Personen", "en": "People"},
    "export.tables": {"de": "Tische", "en": "Tables"},
    "export.tables_per_round": {
        "de": "Tische je Runde (höchstens)",
        "en": "Tables per round (most)",
    },
    "export.questions": {"de": "Fragen je Runde", "en": "Questions per round"},
    "export.file_plan": {"de": "Plan", "en": "Plan"},
    "export.file_participants": {"de": "Teilnehmende", "en": "Participants"},
    "export.file_links": {"de": "Links", "en": "Links"},
    "print.panel_header": {"de": "Zum Ausdrucken", "en": "To print"},
    "print.start_time": {"de": "Beginn der ersten Runde", "en": "Start of the first round"},
    "print.qr_on": {
        "de": "Die Karten tragen einen QR-Code zur persönlichen Seite jeder Person.",
        "en": "The cards carry a QR code to each person's own page.",
    },
    "print.qr_off": {
        "de": "Ohne QR-Codes: Erst unter Teilnehmende → Links die Adresse eintragen, unter der "
        "Handys die App erreichen.",
        "en": "Without QR codes: first enter the address phones use under Participants → Links.",
    },
    "print.download_cards": {
        "de": "Persönliche Karten (A6, 4 je Seite)",
        "en": "Personal cards (A6, 4 per page)",
    },
    "print.download_signs": {"de": "Tischschilder", "en": "Table signs"},
    "print.download_run_sheet": {"de": "Ablaufplan für die Moderation", "en": "Run sheet"},
    "print.download_badges": {"de": "Namensschilder", "en": "Name badges"},
    "print.file_cards": {"de": "Karten", "en": "Cards"},
    "print.file_signs": {"de": "Tischschilder", "en": "Table-signs"},
    "print.file_run_sheet": {"de": "Ablaufplan", "en": "Run-sheet"},
    "print.file_badges": {"de": "Namensschilder", "en": "Badges"},
    # The event report (matching.output.report) and the network picture (matching.network.picture)
    "export.file_report": {"de": "Bericht", "en": "Report"},
    "report.mark.Krankenkasse": {"de": "KK", "en": "HI"},
    "report.mark.Selbsthilfekontaktstelle": {"de": "KS", "en": "CO"},
    "report.mark.Selbsthilfeorganisation": {"de": "SHO", "en": "SHO"},
    "report.mark.Sonstige": {"de": "S", "en": "O"},
    "report.picture_note": {
        "de": "Kreisgröße: Personen · Linienstärke: Gespräche",
        "en": "Circle size: people · line width: conversations",
    },
    "report.picture_empty": {"de": "Noch keine Gespräche.", "en": "No conversations yet."},
    "report.title": {"de": "Bericht: {title}", "en": "Report: {title}"},
    "report.intro": {
        "de": "Zusammenfassung für das Organisationsteam und die Förderer (Selbsthilfeförderung "
        "der Krankenkassen nach § 20h SGB V): wer sich getroffen hat, wie viele Gespräche es gab "
        "und welche Ideen gesammelt wurden.",
        "en": "Summary for the organising team and the funders (self-help funding by the health "
        "insurers under § 20h SGB V): who met, how many conversations there were and which ideas "
        "were collected.",
    },
    "report.date": {"de": "Datum", "en": "Date"},
    "report.place": {"de": "Ort", "en": "Place"},
    "report.state_after": {
        "de": "Stand: nach Runde {held} von {planned}",
        "en": "As of: after round {held} of {planned}",
    },
    "report.state_all": {"de": "Stand: alle {planned} Runden", "en": "As of: all {planned} rounds"},
    "report.state_none": {
        "de": "Stand: vor der ersten Runde (von {planned})",
        "en": "As of: before the first round (of {planned})",
    },
    "report.created": {"de": "Erstellt am {date}", "en": "Created on {date}"},
    "report.summary_heading": {"de": "Auf einen Blick", "en": "At a glance"},
    "report.fig_people": {"de": "Personen", "en": "People"},
    "report.fig_organisations": {"de": "Organisationen", "en": "Organisations"},
    "report.fig_conversations": {"de": "Gespräche", "en": "Conversations"},
    "report.fig_cross": {"de": "zwischen verschiedenen Bereichen", "en": "between sectors"},
    "report.fig_coverage": {
        "de": "trafen jeden anderen Bereich",
        "en": "met every other sector",
    },
    "report.fig_rounds": {"de": "Runden", "en": "Rounds"},
    "report.rounds_of": {"de": "{held} von {planned}", "en": "{held} of {planned}"},
    "report.coverage_sentence": {
        "de": "{share} der Personen haben jeden anderen Bereich mindestens einmal getroffen "
        "(soweit die Runden es erlaubten).",
        "en": "{share} of the people met every other sector at least once (as far as the rounds "
        "allowed).",
    },
    "report.counting": {
        "de": "So wird gezählt: Ein Gespräch sind zwei Personen an einem Tisch in einer Runde; "
        "ein Tisch zu dritt zählt drei Gespräche, und wer zweimal zusammensaß, zählt zweimal.",
        "en": "How it is counted: a conversation is two people at one table in one round; a "
        "table of three counts three conversations, and two people who sat together twice "
        "count twice.",
    },
    "report.missing": {
        "de": "{n} Person(en) aus dem Plan stehen nicht mehr auf der Liste und sind nicht "
        "mitgezählt.",
        "en": "{n} person(s) in the plan are no longer on the list and are not counted.",
    },
    "report.sectors_heading": {"de": "Teilnehmende nach Bereich", "en": "Participants by sector"},
    "report.col_sector": {"de": "Bereich", "en": "Sector"},
    "report.col_people": {"de": "Personen", "en": "People"},
    "report.col_organisations": {"de": "Organisationen", "en": "Organisations"},
    "report.col_share": {"de": "Anteil der Personen", "en": "Share of people"},
    "report.total": {"de": "Zusammen", "en": "Total"},
    "report.network_heading": {
        "de": "Netzwerk der Organisationen",
        "en": "Network of organisations",
    },
    "report.network_text": {
        "de": "Jeder Kreis ist eine Organisation (Größe: Personen; Farbe und Kürzel: Bereich), "
        "jede Linie verbindet zwei Organisationen, deren Leute miteinander gesprochen haben "
        "(Stärke: Zahl der Gespräche).",
        "en": "Each circle is an organisation (size: people; colour and mark: sector), each line "
        "joins two organisations whose people talked to each other (width: number of "
        "conversations).",
    },
    "report.network_alt": {
        "de": "Netzwerkbild: {organisations} Organisationen, {pairs} Paare haben sich getroffen.",
        "en": "Network picture: {organisations} organisations, {pairs} pairs met.",
    },
    "report.mixing_heading": {
        "de": "Gespräche zwischen den Bereichen",
        "en": "Conversations between sectors",
    },
    "report.mixing_text": {
        "de": "Zahl der Gespräche je Paar von Bereichen; auf der Diagonale die Gespräche innerhalb "
        "eines Bereichs.",
        "en": "Number of conversations per pair of sectors; on the diagonal the conversations "
        "within one sector.",
    },
    "report.organisations_heading": {"de": "Organisationen", "en": "Organisations"},
    "report.col_organisation": {"de": "Organisation", "en": "Organisation"},
    "report.col_conversations": {"de": "Gespräche", "en": "Conversations"},
    "report.col_met": {"de": "andere Organisationen getroffen", "en": "other organisations met"},
    "report.ideas_heading": {"de": "Fragen und Ideen", "en": "Questions and ideas"},
    "report.ideas_text": {
        "de": "Was die Teilnehmenden zu den Fragen der Runden notiert haben. Ein Name steht nur "
        "dabei, wenn die Person es erlaubt hat.",
        "en": "What the participants noted on the rounds' questions. A name is shown only where "
        "the person allowed it.",
    },
    "report.question_n": {"de": "Frage {n}", "en": "Question {n}"},
    "report.in_round": {"de": "Runde {rounds}", "en": "Round {rounds}"},
    "report.in_rounds": {"de": "Runden {rounds}", "en": "Rounds {rounds}"},
    "report.no_question": {"de": "(ohne Frage)", "en": "(no question)"},
    "report.no_ideas": {"de": "Keine Ideen notiert.", "en": "No ideas noted."},
    "report.page": {"de": "Seite {page} von {pages}", "en": "Page {page} of {pages}"},
    "report.sheet_overview": {"de": "Überblick", "en": "Overview"},
    "report.sheet_organisations": {"de": "Organisationen", "en": "Organisations"},
    "report.sheet_mixing": {"de": "Mischung", "en": "Mixing"},
    "report.sheet_ideas": {"de": "Ideen", "en": "Ideas"},
    "report.sheet_series": {"de": "Reihe", "en": "Series"},
    "report.series_heading": {
        "de": "Die Reihe „{series}“: wie das Netzwerk wächst",
        "en": "The series “{series}”: how the network grows",
    },
    "report.series_sentence": {
        "de": "Über {meetings} Treffen haben {pairs} Paare von Organisationen miteinander "
        "gesprochen; beim letzten kamen {new} neue Paare dazu.",
        "en": "Over {meetings} meetings {pairs} pairs of organisations have talked with each "
        "other; the latest one added {new} new pairs.",
    },
    "report.series_col_event": {"de": "Treffen", "en": "Meeting"},
    "report.series_col_pairs": {"de": "Organisationspaare", "en": "Organisation pairs"},
    "report.series_col_new": {"de": "davon neu", "en": "of them new"},
    "report.series_col_so_far": {"de": "bisher", "en": "so far"},
    "report.rounds_held": {"de": "Runden durchgeführt", "en": "Rounds held"},
    "report.rounds_planned": {"de": "Runden geplant", "en": "Rounds planned"},
    "report.minutes": {"de": "Minuten je Runde", "en": "Minutes per round"},
    "report.cross_share": {
        "de": "Anteil der Gespräche zwischen Bereichen",
        "en": "Share of conversations between sectors",
    },
    "report.coverage": {
        "de": "Bereichsabdeckung (Personen, die jeden anderen Bereich trafen)",
        "en": "Sector coverage (people who met every other sector)",
    },
    "report.org_pairs": {
        "de": "Paare von Organisationen, die sich trafen",
        "en": "Pairs of organisations that met",
    },
    "report.density": {
        "de": "Dichte (Anteil aller möglichen Paare)",
        "en": "Density (share of all possible pairs)",
    },
    "report.components": {"de": "Teile des Netzwerks", "en": "Parts of the network"},
    "report.bridges": {"de": "Brücken", "en": "Bridges"},
    "report.col_round": {"de": "Runde", "en": "Round"},
    "report.col_question": {"de": "Frage", "en": "Question"},
    "report.col_idea": {"de": "Idee", "en": "Idea"},
    "report.col_author": {"de": "Von", "en": "By"},
    "participants.tab_links": {"de": "Links", "en": "Links"},
    "links.help": {
        "de": "Jede Person hat einen eigenen Link zu ihrer Seite „Mein Plan“ (ohne Anmeldung, nur "
        "ihre eigenen Angaben). Als Liste zum Kopieren oder als CSV für den Serienbrief.",
        "en": "Everyone has their own link to their page “Mein Plan” (no login, only their own "
        "data). As a list to copy or as a CSV for mail merge.",
    },
    "links.base_url": {
        "de": "Adresse, unter der Handys die App erreichen",
        "en": "Address phones use to reach the app",
    },
    "links.local_only": {
        "de": "Diese Adresse funktioniert nur auf diesem Computer. Für Handys im Raum die "
        "Netzwerk-Adresse dieses Computers eintragen (z. B. http://192.168.1.20:{port}); Handys "
        "erreichen die App nur, wenn sie mit Team-Passwort läuft.",
        "en": "This address works on this computer only. For phones in the room enter this "
        "computer's network address (e.g. http://192.168.1.20:{port}); phones reach the app only "
        "when it runs with a team password.",
    },
    "links.save_base_url": {"de": "Adresse speichern", "en": "Save address"},
    "links.bad_base_url": {
        "de": "Die Adresse muss mit http:// oder https:// beginnen, z. B. http://192.168.1.20:8501.",
        "en": "The address must start with http:// or https://, e.g. http://192.168.1.20:8501.",
    },
    "links.saved": {"de": "Adresse gespeichert.", "en": "Address saved."},
    "links.link": {"de": "Link", "en": "Link"},
    "links.download": {"de": "Links als CSV (Serienbrief)", "en": "Links as CSV (mail merge)"},
    "links.qr_header": {"de": "QR-Code für den Raum", "en": "QR code for the room"},
    "links.qr_help": {
        "de": "Führt zu {url} – für die Leinwand oder den Aushang.",
        "en": "Leads to {url} – for the screen or a poster.",
    },
    "links.reissue_header": {"de": "Neuen Code ausgeben", "en": "Issue a new code"},
    "links.reissue": {
        "de": "Neuen Code erzeugen (der alte Link gilt dann nicht mehr)",
        "en": "Create a new code (the old link stops working)",
    },
    "links.reissued": {
        "de": "{name} hat einen neuen Code; der alte Link gilt nicht mehr.",
        "en": "{name} has a new code; the old link no longer works.",
    },
    # The meeting network in plain words (matching.network.measures.plain_words)
    "nav.network": {"de": "Netzwerk", "en": "Network"},
    "nav.directory": {"de": "Organisationen", "en": "Organisations"},
    "network.series_header": {"de": "Die Reihe „{series}“", "en": "The series “{series}”"},
    "network.series_help": {
        "de": "Wie das Netzwerk von Treffen zu Treffen wächst: Organisationspaare, die sich "
        "unterhalten haben, und wie viele davon neu waren. Organisationen werden über das "
        "Verzeichnis erkannt, auch unter anderer Schreibweise.",
        "en": "How the network grows from meeting to meeting: pairs of organisations that "
        "talked, and how many of them were new. Organisations are recognised through the "
        "directory, also under other spellings.",
    },
    "network.series_one": {
        "de": "Bisher hat nur dieses Treffen der Reihe einen Plan. Sobald ein weiteres "
        "geplant ist, zeigt sich hier, wie das Netzwerk wächst.",
        "en": "So far only this event of the series has a plan. Once another is planned, "
        "this shows how the network grows.",
    },
    "network.series_event": {"de": "Treffen", "en": "Event"},
    "network.series_pairs": {"de": "Organisationspaare", "en": "Organisation pairs"},
    "network.series_new_pairs": {"de": "davon neu", "en": "of them new"},
    "network.series_new_pairs_bar": {
        "de": "neu ins Gespräch gekommen",
        "en": "talked for the first time",
    },
    "network.series_old_pairs_bar": {
        "de": "schon bei einem früheren Treffen",
        "en": "already at an earlier meeting",
    },
    "network.series_pairs_so_far": {
        "de": "Organisationspaare bisher",
        "en": "Organisation pairs so far",
    },
    "network.series_orgs_so_far": {"de": "Organisationen bisher", "en": "Organisations so far"},
    "network.series_known_pairs": {
        "de": "Paare, die sich schon kannten",
        "en": "Pairs who had met before",
    },
    # organisation directory
    "directory.header": {"de": "Organisationen", "en": "Organisations"},
    "directory.help": {
        "de": "Jede Organisation steht hier einmal, über alle Veranstaltungen. Beim Import "
        "werden bekannte Organisationen erkannt, auch unter anderer Schreibweise – "
        "zusammengeführt wird nur, was Sie bestätigen.",
        "en": "Each organisation is listed once, across all events. Imports recognise known "
        "organisations, also under other spellings – only what you confirm is merged.",
    },
    "directory.empty": {
        "de": "Noch keine Organisationen. Sie kommen mit der ersten importierten Liste hinzu "
        "oder unten von Hand.",
        "en": "No organisations yet. They come with the first imported list, or add them "
        "below by hand.",
    },
    "directory.alike_header": {"de": "Vielleicht doppelt?", "en": "Duplicates?"},
    "directory.alike_help": {
        "de": "Diese Einträge sehen aus wie eine Organisation. Wählen Sie den Namen, der "
        "bleiben soll – der andere wird zur weiteren Schreibweise. Sind es verschiedene "
        "Organisationen, klicken Sie „Verschieden“.",
        "en": "These entries look like one organisation. Choose the name to keep – the other "
        "becomes another spelling of it. If they are different organisations, click "
        "“Different”.",
    },
    "directory.alike_line": {
        "de": "„{a}“ und „{b}“ (Ähnlichkeit {score} %)",
        "en": "“{a}” and “{b}” (similarity {score}%)",
    },
    "directory.keep": {"de": "„{name}“ behalten", "en": "Keep “{name}”"},
    "directory.different": {"de": "Verschieden", "en": "Different"},
    "directory.kept_apart": {
        "de": "„{a}“ und „{b}“ bleiben zwei Organisationen.",
        "en": "“{a}” and “{b}” stay two organisations.",
    },
    "directory.merged": {
        "de": "„{source}“ gehört jetzt zu „{target}“ (als weitere Schreibweise).",
        "en": "“{source}” now belongs to “{target}” (as another spelling).",
    },
    "directory.list_header": {"de": "Verzeichnis ({n})", "en": "Directory ({n})"},
    "directory.search": {"de": "Suchen", "en": "Search"},
    "directory.search_hint": {
        "de": "Name oder Schreibweise, z. B. AOK",
        "en": "Name or spelling, e.g. AOK",
    },
    "directory.contact": {"de": "Kontakt", "en": "Contact"},
    "directory.contact_help": {
        "de": "Eine allgemeine Adresse der Organisation (z. B. info@…), keine private Person.",
        "en": "A general address of the organisation (e.g. info@…), not a private person.",
    },
    "directory.aliases": {"de": "Weitere Schreibweisen", "en": "Other spellings"},
    "directory.events": {"de": "Veranstaltungen", "en": "Events"},
    "directory.sector_unknown": {"de": "– offen –", "en": "– open –"},
    "directory.edit_header": {"de": "Bearbeiten", "en": "Edit"},
    "directory.choose": {"de": "Organisation", "en": "Organisation"},
    "directory.choose_hint": {"de": "Organisation wählen …", "en": "Choose an organisation …"},
    "directory.rename_help": {
        "de": "Beim Umbenennen bleibt der alte Name als weitere Schreibweise: frühere "
        "Veranstaltungen finden die Organisation weiter.",
        "en": "When renaming, the old name stays as another spelling: earlier events still "
        "find the organisation.",
    },
    "directory.save": {"de": "Speichern", "en": "Save"},
    "directory.saved": {"de": "Gespeichert: {name}", "en": "Saved: {name}"},
    "directory.remove_alias": {"de": "Entfernen", "en": "Remove"},
    "directory.alias_removed": {
        "de": "Schreibweise entfernt: {alias}",
        "en": "Spelling removed: {alias}",
    },
    "directory.no_aliases": {
        "de": "Noch keine weiteren Schreibweisen.",
        "en": "No other spellings yet.",
    },
    "directory.new_alias": {
        "de": "Weitere Schreibweise hinzufügen (z. B. eine Abkürzung)",
        "en": "Add another spelling (e.g. an abbreviation)",
    },
    "directory.add_alias": {"de": "Hinzufügen", "en": "Add"},
    "directory.alias_added": {
        "de": "„{alias}“ steht jetzt für „{name}“.",
        "en": "“{alias}” now stands for “{name}”.",
    },
    "directory.merge_header": {"de": "Zusammenführen", "en": "Merge"},
    "directory.merge_into": {
        "de": "„{name}“ ist dieselbe Organisation wie …",
        "en": "“{name}” is the same organisation as …",
    },
    "directory.merge_warning": {
        "de": "„{source}“ wird zu einer weiteren Schreibweise von „{target}“ und verschwindet "
        "als eigener Eintrag. Bereich und Kontakt von „{target}“ bleiben; nur wo sie fehlen, "
        "werden die von „{source}“ übernommen. Die Teilnehmendenlisten bleiben unverändert.",
        "en": "“{source}” becomes another spelling of “{target}” and is no longer an entry of "
        "its own. The sector and contact of “{target}” stay; only where they are missing are "
        "those of “{source}” taken over. Participant lists stay unchanged.",
    },
    "directory.merge_button": {"de": "Zusammenführen", "en": "Merge"},
    "directory.delete_header": {"de": "Eintrag löschen", "en": "Delete entry"},
    "directory.delete_help": {
        "de": "Entfernt nur den Eintrag im Verzeichnis; Teilnehmendenlisten bleiben, wie sie "
        "sind. Beim nächsten Import wird die Organisation wieder aufgenommen.",
        "en": "Removes only the directory entry; participant lists stay as they are. The next "
        "import adds the organisation again.",
    },
    "directory.delete_button": {"de": "„{name}“ löschen", "en": "Delete “{name}”"},
    "directory.deleted": {"de": "Gelöscht: {name}", "en": "Deleted: {name}"},
    "directory.new_header": {"de": "Neue Organisation", "en": "New organisation"},
    "directory.add": {"de": "Aufnehmen", "en": "Add"},
    "directory.added": {"de": "Aufgenommen: {name}", "en": "Added: {name}"},
    "directory.questions_header": {
        "de": "Bekannte Organisationen?",
        "en": "Known organisations?",
    },
    "directory.questions_help": {
        "de": "Diese Schreibweisen ähneln einer Organisation, die schon bekannt ist. Bitte "
        "sagen Sie bei jeder, ob es dieselbe ist – zusammengeführt wird nur, was Sie bestätigen.",
        "en": "These spellings look like an organisation already known. Please say for each "
        "whether it is the same – only what you confirm is merged.",
    },
    "directory.question_known": {
        "de": "„{spelling}“ ({n}× auf der Liste) – ist das „{candidate}“ aus dem Verzeichnis?",
        "en": "“{spelling}” ({n}× on the list) – is that “{candidate}” from the directory?",
    },
    "directory.question_list": {
        "de": "„{spelling}“ ({n}× auf der Liste) – ist das dieselbe Organisation wie "
        "„{candidate}“ (auch auf der Liste)?",
        "en": "“{spelling}” ({n}× on the list) – is that the same organisation as "
        "“{candidate}” (also on the list)?",
    },
    "directory.answer_same": {
        "de": "Ja – als „{candidate}“ übernehmen",
        "en": "Yes – take it as “{candidate}”",
    },
    "directory.answer_other": {
        "de": "Nein – eigene Organisation",
        "en": "No – an organisation of its own",
    },
    "directory.questions_open": {
        "de": "Noch {n} Fragen zu Organisationen offen: bitte oben beantworten, dann können "
        "Sie die Liste übernehmen.",
        "en": "{n} questions about organisations still open: please answer them above, then "
        "you can take over the list.",
    },
    "directory.questions_open_one": {
        "de": "Noch 1 Frage zu einer Organisation offen: bitte oben beantworten, dann können "
        "Sie die Liste übernehmen.",
        "en": "1 question about an organisation still open: please answer it above, then you "
        "can take over the list.",
    },
    "directory.renamed": {
        "de": "{n} Schreibweisen werden wie im Verzeichnis übernommen:",
        "en": "{n} spellings are taken over as in the directory:",
    },
    "directory.renamed_one": {
        "de": "1 Schreibweise wird wie im Verzeichnis übernommen:",
        "en": "1 spelling is taken over as in the directory:",
    },
    "directory.renamed_line": {"de": "„{before}“ → „{after}“", "en": "“{before}” → “{after}”"},
    "directory.more": {"de": "und {n} weitere", "en": "and {n} more"},
    "directory.walk_in_alike": {
        "de": "„{spelling}“ ähnelt „{candidate}“. Ist es dieselbe Organisation, korrigieren Sie "
        "die Schreibweise unter „Liste bearbeiten“ – sonst sitzt die Person womöglich mit "
        "Kolleginnen und Kollegen zusammen.",
        "en": "“{spelling}” looks like “{candidate}”. If it is the same organisation, correct "
        "the spelling under “Edit list” – otherwise the person may sit with their own "
        "colleagues.",
    },
    "nav.section_after": {"de": "Auswerten", "en": "Evaluate"},
    "network.header": {"de": "Netzwerk", "en": "Network"},
    "network.scope": {"de": "Welche Runden", "en": "Which rounds"},
    "network.scope_held": {"de": "stattgefunden", "en": "held"},
    "network.scope_planned": {"de": "geplant", "en": "planned"},
    "network.level": {"de": "Ebene", "en": "Level"},
    "network.level_organisation": {"de": "Organisationen", "en": "Organisations"},
    "network.level_person": {"de": "Personen", "en": "People"},
    "network.nothing_held": {
        "de": "Noch keine Runde hat stattgefunden (Live-Steuerung). Gezeigt wird der Stand vor "
        "der ersten Runde.",
        "en": "No round has taken place yet (live control). Shown is the state before the "
        "first round.",
    },
    "network.anonymous": {"de": "Person ({organisation})", "en": "Person ({organisation})"},
    "network.names_help": {
        "de": "{n} von {total} Personen haben zugestimmt, mit Namen gezeigt zu werden; die "
        "übrigen stehen nur mit ihrer Organisation da.",
        "en": "{n} of {total} people agreed to be shown by name; the others appear with their "
        "organisation only.",
    },
    "network.name": {"de": "Name", "en": "Name"},
    "network.people": {"de": "Personen", "en": "People"},
    "network.conversations": {"de": "Gespräche", "en": "Conversations"},
    "network.mixing": {
        "de": "Wer mit wem sprach (Bereiche)",
        "en": "Who talked with whom (sectors)",
    },
    "network.measure": {"de": "Kennzahl", "en": "Measure"},
    "network.value": {"de": "Wert", "en": "Value"},
    "network.m_people": {"de": "Personen", "en": "People"},
    "network.m_organisations": {"de": "Organisationen", "en": "Organisations"},
    "network.m_conversations": {"de": "Gespräche", "en": "Conversations"},
    "network.m_organisation_pairs": {
        "de": "Organisationspaare, die sich trafen",
        "en": "Organisation pairs that met",
    },
    "network.m_components": {"de": "Zusammenhängende Teile", "en": "Connected parts"},
    "network.m_cross_sector_share": {
        "de": "Anteil Gespräche zwischen Bereichen",
        "en": "Share of cross-sector conversations",
    },
    "network.m_density": {"de": "Dichte (Organisationen)", "en": "Density (organisations)"},
    "network.report_header": {"de": "Bericht", "en": "Report"},
    "network.report_help": {
        "de": "Für die Organisation und die Förderer (§ 20h SGB V): Zahlen, Netzwerk-Bild, "
        "Mischung der Bereiche und die gesammelten Ideen – für die oben gewählten Runden.",
        "en": "For the organisers and funders (§ 20h SGB V): numbers, network picture, sector "
        "mixing and the collected ideas – for the rounds chosen above.",
    },
    "network.report_pdf": {"de": "Bericht als PDF", "en": "Report as PDF"},
    "network.report_xlsx": {"de": "Bericht als Excel", "en": "Report as Excel"},
    "network.download_png": {
        "de": "Netzwerk als Bild (PNG)",
        "en": "Network as a picture (PNG)",
    },
    "network.download_graphml": {
        "de": "Netzwerk als GraphML (z. B. für Gephi)",
        "en": "Network as GraphML (e.g. for Gephi)",
    },
    "network.noun_person_one": {"de": "{n} Person", "en": "{n} person"},
    "network.noun_person_many": {"de": "{n} Personen", "en": "{n} people"},
    "network.noun_organisation_one": {"de": "{n} Organisation", "en": "{n} organisation"},
    "network.noun_organisation_many": {"de": "{n} Organisationen", "en": "{n} organisations"},
    "network.noun_conversation_one": {"de": "{n} Gespräch", "en": "{n} conversation"},
    "network.noun_conversation_many": {"de": "{n} Gespräche", "en": "{n} conversations"},
    "network.words_none": {"de": "Noch keine Gespräche.", "en": "No conversations yet."},
    "network.words_overview": {
        "de": "{people} aus {organisations} führten {conversations}; {share} davon zwischen "
        "verschiedenen Bereichen.",
        "en": "{people} from {organisations} had {conversations}; {share} of them between "
        "different sectors.",
    },
    "network.words_pairs": {
        "de": "{n} verschiedene Paare von Organisationen haben sich getroffen – {share} aller "
        "möglichen.",
        "en": "{n} different pairs of organisations met – {share} of all possible pairs.",
    },
    "network.words_pairs_one": {
        "de": "{n} Paar von Organisationen hat sich getroffen – {share} aller möglichen.",
        "en": "{n} pair of organisations met – {share} of all possible pairs.",
    },
    "network.words_connected": {
        "de": "Alle Organisationen sind über Gespräche miteinander verbunden.",
        "en": "All organisations are connected through conversations.",
    },
    "network.words_parts": {
        "de": "Das Netzwerk besteht aus {n} Teilen, die nicht miteinander gesprochen haben.",
        "en": "The network has {n} parts that did not talk to each other.",
    },
    "network.words_bridges": {
        "de": "Die wichtigsten Brücken im Netzwerk: {names}.",
        "en": "The main bridges in the network: {names}.",
    },
    "network.words_reached": {
        "de": "Am meisten vernetzt: {names} ({n} getroffen).",
        "en": "Most connected: {names} (met {n}).",
    },
    "network.words_and": {"de": "und", "en": "and"},
    # Participant-list limits and cleaning (matching.lists.tabular; located by the caller)
    "problem.too_many_rows": {
        "de": "Die Liste hat mehr als {limit} Personen (in dieser Zeile stünde die {next}.); so "
        "viele liest Paarweise nicht ein. Bitte prüfen, ob die richtige Datei (das richtige "
        "Blatt) gewählt ist, oder die Liste auf höchstens {limit} Personen kürzen.",
        "en": "The list has more than {limit} people (this row would be number {next}); "
        "Paarweise does not read that many. Please check that the right file (the right sheet) "
        "is chosen, or shorten the list to at most {limit} people.",
    },
    "problem.rows_too_far": {
        "de": "Hier steht noch etwas, aber Paarweise liest nur die ersten {limit} Zeilen. Bitte "
        "die leeren Zeilen darüber löschen, damit die Liste zusammenhängt, oder den Inhalt "
        "dieser Zeile löschen, falls er nicht zur Liste gehört.",
        "en": "There is content here, but Paarweise reads the first {limit} rows only. Please "
        "delete the empty rows above so the list is in one piece, or delete this row's content "
        "if it does not belong to the list.",
    },
    "problem.too_many_columns": {
        "de": "Die Kopfzeile hat mehr als {limit} Spalten. Bitte nicht benötigte Spalten löschen: "
        "gebraucht werden Name, Organisation und Bereich, dazu nach Wunsch Themen, Ich biete, "
        "Ich suche, E-Mail, Bleibt sitzen, Möchte treffen, Nicht mit und ID.",
        "en": "The header row has more than {limit} columns. Please delete the columns that are "
        "not needed: Name, Organisation and Sector are, and if wanted Topics, Offers, Needs, "
        "E-Mail, Stays seated, Wants to meet, Avoid and ID.",
    },
    "problem.cell_too_long": {
        "de": "Die Zelle hat {n} Zeichen; erlaubt sind höchstens {limit}. Bitte den Text kürzen "
        "(oder die Spalte löschen, falls sie nicht gebraucht wird).",
        "en": "The cell has {n} characters; at most {limit} are allowed. Please shorten the text "
        "(or delete the column if it is not needed).",
    },
    "problem.cell_too_long_more": {
        "de": "… und {n} weitere Zellen mit mehr als {limit} Zeichen. Bitte auch diese kürzen.",
        "en": "… and {n} more cells with more than {limit} characters. Please shorten them too.",
    },
    "problem.control_characters": {
        "de": "Unsichtbare Steuerzeichen ({chars}) wurden aus der Zelle entfernt; sie stören "
        "z. B. den Excel-Export. Bitte prüfen, ob der Text so stimmt.",
        "en": "Invisible control characters ({chars}) were removed from the cell; they would "
        "break e.g. the Excel export. Please check that the text is right.",
    },
    "problem.control_characters_more": {
        "de": "… und aus {n} weiteren Zellen wurden Steuerzeichen entfernt.",
        "en": "… and control characters were removed from {n} more cells.",
    },
    "problem.xlsx_too_large": {
        "de": "Die Excel-Datei wäre entpackt {size} groß, ihr größter Teil („{part}“) {part_size}; "
        "erlaubt sind {limit} insgesamt und {part_limit} je Teil. Eine Teilnehmendenliste ist "
        "viel kleiner: die Datei enthält wohl anderes (weitere Blätter, Bilder, sehr lange "
        "Zellen). Bitte nur die Liste in eine neue Excel-Datei kopieren und diese hochladen, "
        "oder die Liste als CSV speichern.",
        "en": "Unpacked, the Excel file would be {size}, its largest part (“{part}”) "
        "{part_size}; allowed are {limit} in total and {part_limit} per part. A participant "
        "list is much smaller: the file probably holds other things (more sheets, pictures, "
        "very long cells). Please copy just the list into a new Excel file and upload that, "
        "or save the list as CSV.",
    },
    "problem.xlsx_packed_too_tightly": {
        "de": "Ein Teil der Excel-Datei („{part}“) ist {ratio}-fach gepackt – so stark lässt "
        "sich keine echte Liste packen; die Datei ist beschädigt oder künstlich erzeugt und "
        "wird nicht geöffnet. Bitte die Liste in Excel als neue .xlsx- oder CSV-Datei speichern.",
        "en": "A part of the Excel file (“{part}”) is packed {ratio} to 1 – no real list packs "
        "that tightly; the file is damaged or machine-made and is not opened. Please save the "
        "list from Excel as a new .xlsx or CSV file.",
    },
    "problem.xlsx_sheet_too_big": {
        "de": "Ein Tabellenblatt der Excel-Datei („{part}“) hat mehr als {rows} Zeilen oder "
        "{cells} Zellen (leere, aber formatierte zählen mit); die Datei wird nicht gelesen. "
        "Bitte die leeren Zeilen und Spalten neben und unter der Liste löschen, oder nur die "
        "Liste in eine neue Excel-Datei kopieren und diese hochladen.",
        "en": "A sheet of the Excel file (“{part}”) has more than {rows} rows or {cells} cells "
        "(empty but formatted ones count too); the file is not read. Please delete the empty "
        "rows and columns next to and below the list, or copy just the list into a new Excel "
        "file and upload that.",
    },
    "problem.xlsx_too_many_strings": {
        "de": "Die Excel-Datei enthält mehr als {limit} verschiedene Texte („{part}“) – eine "
        "Teilnehmendenliste hat viel weniger. Bitte nur die Liste in eine neue Excel-Datei "
        "kopieren und diese hochladen, oder die Liste als CSV speichern.",
        "en": "The Excel file holds more than {limit} different texts (“{part}”) – a participant "
        "list has far fewer. Please copy just the list into a new Excel file and upload that, or "
        "save the list as CSV.",
    },
    "problem.xlsx_too_many_parts": {
        "de": "Die Excel-Datei besteht aus {n} Teilen (höchstens {limit}); eine Liste braucht "
        "nur wenige. Bitte nur die Liste in eine neue Excel-Datei kopieren und diese hochladen, "
        "oder die Liste als CSV speichern.",
        "en": "The Excel file consists of {n} parts (at most {limit}); a list needs only a few. "
        "Please copy just the list into a new Excel file and upload that, or save the list as "
        "CSV.",
    },
    # Planner and re-planning messages (Problem.code = the part after "problem.")
    "progress.bound": {"de": "Obergrenze wird berechnet …", "en": "Computing the bound …"},
    "progress.pairs": {"de": "Paare werden gewählt …", "en": "Choosing pairs …"},
    "progress.rounds": {"de": "Runden werden verteilt …", "en": "Sorting into rounds …"},
    "progress.done": {"de": "Fertig.", "en": "Done."},
    "progress.replan": {
        "de": "Spätere Runden werden neu geplant …",
        "en": "Re-planning the later rounds …",
    },
    "progress.simple": {
        "de": "Einfacher Plan Runde für Runde …",
        "en": "Simple plan, round by round …",
    },
    "problem.too_few_partners": {
        "de": "{name} ({organisation}) darf nur mit {people} zusammensitzen (gleiche "
        "Organisation, „Nicht mit“, beide bleiben sitzen) – {rounds} ohne Wiederholung "
        "brauchen {needed}.",
        "en": "{name} ({organisation}) may sit with only {people} (same organisation, avoid, "
        "both stay seated) – {rounds} without repeats need {needed}.",
    },
    "problem.too_few_people": {
        "de": "Die Liste hat {people}; für Gespräche zu zweit braucht es mindestens zwei.",
        "en": "The list has {people}; conversations in pairs need at least two.",
    },
    "problem.too_few_rounds": {
        "de": "Ein Plan braucht mindestens eine Runde.",
        "en": "A plan needs at least one round.",
    },
    "problem.too_many_seated": {
        "de": "{seated} bleiben sitzen, es gibt aber nur {tables}: Zwei Sitzenbleibende können "
        "sich nur in einer einzigen Runde treffen. Für mehr Runden dürfen höchstens {most} "
        "sitzen bleiben.",
        "en": "{seated} stay seated, but there are only {tables}: two people who stay seated "
        "can meet in one single round only. For more rounds at most {most} may stay seated.",
    },
    "problem.time_limit": {
        "de": "In der Rechenzeit wurde kein Plan gefunden. Bitte die Rechenzeit erhöhen.",
        "en": "No plan was found within the time limit. Please allow more time.",
    },
    "problem.clock_stopped": {
        "de": "Dieser Rechner war langsamer als erwartet: Die Rechnung wurde nach der Uhr "
        "beendet. Ein zweiter Lauf mit denselben Angaben kann deshalb einen anderen Plan "
        "ergeben.",
        "en": "This computer was slower than expected: computing was stopped by the clock, so "
        "a second run with the same input may give another plan.",
    },
    "problem.simple_plan": {
        "de": "Die Rechenzeit reichte nicht für den besten Plan: Dies ist ein einfacher Plan, "
        "der alle Regeln einhält. Mit mehr Rechenzeit wird er meist besser.",
        "en": "The computing time was not enough for the best plan: this is a simple plan that "
        "keeps every rule. More computing time usually makes it better.",
    },
    "problem.no_plan": {
        "de": "Mit diesen Regeln ist kein Plan möglich (zu viele Personen derselben "
        "Organisation?).",
        "en": "No plan is possible with these rules (too many people of one organisation?).",
    },
    "problem.rounds_not_reachable": {
        "de": "Ohne Wiederholungen und Kolleg:innen-Paare höchstens möglich: {made} "
        "(gewünscht: {rounds}).",
        "en": "Without repeats and colleague pairs at most {made} possible (asked: {rounds}).",
    },
    "problem.fewer_rounds": {
        "de": "Der Plan hat deshalb {made} statt {rounds}.",
        "en": "The plan therefore has {made} instead of {rounds}.",
    },
    "problem.try_rest": {
        "de": "Tipp: Bei ungerader Zahl sind mit „eine Person pausiert“ oft mehr Runden "
        "möglich als mit einem Dreiertisch.",
        "en": "Tip: with an odd count, “one person rests” often allows more rounds than a "
        "table of three.",
    },
    "problem.after_round_out_of_range": {
        "de": "„Nach Runde“ muss zwischen 0 und {total} liegen.",
        "en": "“After round” must be between 0 and {total}.",
    },
    "problem.absent_not_in_plan": {
        "de": "„{id}“ (abwesend) steht nicht im Plan.",
        "en": "“{id}” (absent) is not in the plan.",
    },
    "problem.not_in_list": {
        "de": "„{id}“ (neu da) steht nicht auf der Liste. Bitte zuerst als Nachmeldung eintragen.",
        "en": "“{id}” (arrived) is not on the list. Please add them first.",
    },
    "problem.already_planned": {
        "de": "{name} ist schon im Plan.",
        "en": "{name} is already in the plan.",
    },
    "problem.bad_substitute": {
        "de": "Vertretung {old} → {new}: die erste Person muss im Plan, die zweite auf der "
        "Liste und noch nicht im Plan sein.",
        "en": "Substitute {old} → {new}: the first must be in the plan, the second on the "
        "list and not yet planned.",
    },
    "problem.substitute_other_org": {
        "de": "{new} vertritt {old}, ist aber von einer anderen Organisation.",
        "en": "{new} substitutes {old} but is from another organisation.",
    },
    "problem.round_out_of_range": {
        "de": "Runde {round} gibt es nicht.",
        "en": "There is no round {round}.",
    },
    "problem.unknown_ids": {
        "de": "Nicht auf der Liste: {ids}.",
        "en": "Not on the list: {ids}.",
    },
    "problem.replan_infeasible": {
        "de": "Mit diesen Vorgaben geht kein Plan: zu wenige Personen, die sich noch nicht "
        "getroffen haben, oder widersprüchliche Festlegungen.",
        "en": "No plan fits these conditions: too few people who have not met yet, or pins "
        "that contradict each other.",
    },
    "problem.pin_round": {
        "de": "Festlegung {label}: Runde {round} wird nicht neu geplant (schon vorbei oder "
        "gibt es nicht).",
        "en": "Pin {label}: round {round} is not re-planned (already over or does not exist).",
    },
    "problem.pin_size": {
        "de": "Festlegung {label}: 2 oder 3 verschiedene Personen nötig.",
        "en": "Pin {label}: needs 2 or 3 different people.",
    },
    "problem.pin_absent": {
        "de": "Festlegung {label}: {name} ist in Runde {round} nicht da.",
        "en": "Pin {label}: {name} is not present in round {round}.",
    },
    "problem.pin_conflict": {
        "de": "Festlegungen widersprechen sich: {name} soll in Runde {round} an zwei Tischen "
        "sitzen.",
        "en": "Pins conflict: {name} would sit at two tables in round {round}.",
    },
    "problem.pin_not_allowed": {
        "de": "Festlegung {label}: {a} und {b} dürfen nicht zusammensitzen (gleiche "
        "Organisation oder „Nicht mit“).",
        "en": "Pin {label}: {a} and {b} may not sit together (same organisation or avoid).",
    },
    "problem.pin_repeat": {
        "de": "Festlegung {label}: die beiden saßen schon zusammen.",
        "en": "Pin {label}: they already sat together.",
    },
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `values`."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def format_number(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' in German, '1,234.5' in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_percent(share: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """0.987 -> '98,7 %' in German, '98.7%' in English."""
    number = format_number(share * 100, lang, decimals)
    return f"{number} %" if lang == "de" else f"{number}%"


def format_date(value: dt.date | str, lang: str = DEFAULT_LANGUAGE) -> str:
    """ISO date -> '07.10.2025' in German, '7 Oct 2025' in English; '' stays ''."""
    if not value:
        return ""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    if lang == "de":
        return day.strftime("%d.%m.%Y")
    return f"{day.day} {day.strftime('%b %Y')}"


def local_zone() -> ZoneInfo:
    """The organisers' clock: Europe/Berlin unless PAARWEISE_TIMEZONE names another zone."""
    name = os.environ.get("PAARWEISE_TIMEZONE", "Europe/Berlin")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Berlin")


def format_moment(value: dt.datetime, lang: str = DEFAULT_LANGUAGE) -> str:
    """A stored moment (UTC) on the organisers' clock: '24.11.2026 14:05' in German,
    '24 Nov 2026, 14:05' in English. A naive value counts as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone(local_zone())
    if lang == "de":
        return local.strftime("%d.%m.%Y %H:%M")
    return f"{local.day} {local.strftime('%b %Y, %H:%M')}"


def problem(code: str, severity: Severity = Severity.ERROR, /, **values: object) -> Problem:
    """A Problem in both languages from the texts `problem.<code>` (the core's messages live
    here with the rest of the UI's texts). A value given as `Counted(n, noun)` is written with
    its noun in each language ("1 Runde" / "1 round")."""
    key = f"problem.{code}"

    def filled(lang: str) -> dict[str, object]:
        return {
            k: count_of(v.n, v.noun, lang) if isinstance(v, Counted) else v
            for k, v in values.items()
        }

    return Problem(severity, code, t(key, "de", **filled("de")), t(key, "en", **filled("en")))


@dataclass(frozen=True, slots=True)
class Counted:
    """A number that is written with its noun, in the language of the text."""

    n: int
    noun: str


_NOUNS = {
    "person": {"de": ("Person", "Personen"), "en": ("person", "people")},
    "round": {"de": ("Runde", "Runden"), "en": ("round", "rounds")},
    "table": {"de": ("Tisch", "Tische"), "en": ("table", "tables")},
}


def count_of(n: int, noun: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """'1 Person', '3 Personen', '1 round', '2 rounds': a number with its noun."""
    one, many = _NOUNS[noun].get(lang, _NOUNS[noun][DEFAULT_LANGUAGE])
    return f"{n} {one if n == 1 else many}"
