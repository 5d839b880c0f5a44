<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="354"/>
        <source>Paused after {done} of %Ln photo(s)</source>
        <translation>
            <numerusform>Paused after {done} of %Ln photo</numerusform>
            <numerusform>Paused after {done} of %Ln photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="371"/>
        <source>Indexing {done} of %Ln photo(s) · {rate}/s</source>
        <translation>
            <numerusform>Indexing {done} of %Ln photo · {rate}/s</numerusform>
            <numerusform>Indexing {done} of %Ln photos · {rate}/s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="385"/>
        <source>Stopped: %Ln photo(s)</source>
        <translation>
            <numerusform>Stopped: %Ln photo</numerusform>
            <numerusform>Stopped: %Ln photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="387"/>
        <source>Done: %Ln photo(s)</source>
        <translation>
            <numerusform>Done: %Ln photo</numerusform>
            <numerusform>Done: %Ln photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="400"/>
        <source>⚠ %Ln problem(s)</source>
        <translation>
            <numerusform>⚠ %Ln problem</numerusform>
            <numerusform>⚠ %Ln problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="404"/>
        <source>⚠ %Ln photo(s) kept: folder offline?</source>
        <translation>
            <numerusform>⚠ %Ln photo kept: folder offline?</numerusform>
            <numerusform>⚠ %Ln photos kept: folder offline?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="422"/>
        <source>%Ln photo(s) of {folder} were kept in the library. {reason}

If they are really gone, remove them from the library? Their faces and names are kept for 30 days in case they come back.</source>
        <translation>
            <numerusform>%Ln photo of {folder} was kept in the library. {reason}

If it is really gone, remove it from the library? Its faces and names are kept for 30 days in case it comes back.</numerusform>
            <numerusform>%Ln photos of {folder} were kept in the library. {reason}

If they are really gone, remove them from the library? Their faces and names are kept for 30 days in case they come back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="279"/>
        <location filename="../../album/gui/main_window.py" line="500"/>
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln photo</numerusform>
            <numerusform>%Ln photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message numerus="yes">
        <location filename="../../album/gui/people_view.py" line="57"/>
        <source>Merge %n people into “{name}”?</source>
        <translation>
            <numerusform>Merge %n person into “{name}”?</numerusform>
            <numerusform>Merge %n people into “{name}”?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/people_view.py" line="134"/>
        <source>{name}
%Ln photo(s)</source>
        <translation>
            <numerusform>{name}
%Ln photo</numerusform>
            <numerusform>{name}
%Ln photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/people_view.py" line="170"/>
        <source>Merge %n People…</source>
        <translation>
            <numerusform>Merge %n Person…</numerusform>
            <numerusform>Merge %n People…</numerusform>
        </translation>
    </message>
</context>
</TS>
