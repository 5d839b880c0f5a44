<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
        <location filename="../../album/gui/people_view.py" line="133"/>
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
        <location filename="../../album/gui/people_view.py" line="169"/>
        <source>Merge %n People…</source>
        <translation>
            <numerusform>Merge %n Person…</numerusform>
            <numerusform>Merge %n People…</numerusform>
        </translation>
    </message>
</context>
</TS>
