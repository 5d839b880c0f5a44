<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Collections</name>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="135"/>
        <source>%n Star(s)</source>
        <translation>
            <numerusform>%n Star</numerusform>
            <numerusform>%n Stars</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="232"/>
        <source>Removed %Ln photo(s) from favourites</source>
        <translation>
            <numerusform>Removed %Ln photo from favourites</numerusform>
            <numerusform>Removed %Ln photos from favourites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="233"/>
        <source>Added %Ln photo(s) to favourites</source>
        <translation>
            <numerusform>Added %Ln photo to favourites</numerusform>
            <numerusform>Added %Ln photos to favourites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="240"/>
        <source>Rated %Ln photo(s)</source>
        <translation>
            <numerusform>Rated %Ln photo</numerusform>
            <numerusform>Rated %Ln photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="288"/>
        <location filename="../../album/gui/collections.py" line="393"/>
        <source>Added %Ln photo(s) to “{name}”</source>
        <translation>
            <numerusform>Added %Ln photo to “{name}”</numerusform>
            <numerusform>Added %Ln photos to “{name}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="334"/>
        <source>Removed %Ln photo(s) from “{name}”</source>
        <translation>
            <numerusform>Removed %Ln photo from “{name}”</numerusform>
            <numerusform>Removed %Ln photos from “{name}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="443"/>
        <source>Export cancelled after %Ln photo(s)</source>
        <translation>
            <numerusform>Export cancelled after %Ln photo</numerusform>
            <numerusform>Export cancelled after %Ln photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="444"/>
        <source>Exported %Ln photo(s) to {folder}</source>
        <translation>
            <numerusform>Exported %Ln photo to {folder}</numerusform>
            <numerusform>Exported %Ln photos to {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="446"/>
        <source>(%Ln could not be read)</source>
        <translation>
            <numerusform>(%Ln could not be read)</numerusform>
            <numerusform>(%Ln could not be read)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicateReview</name>
    <message numerus="yes">
        <location filename="../../album/gui/duplicate_review.py" line="150"/>
        <source>Moved %n photo(s) to the Trash.</source>
        <translation>
            <numerusform>Moved %n photo to the Trash.</numerusform>
            <numerusform>Moved %n photos to the Trash.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/duplicate_review.py" line="153"/>
        <source>%n could not be moved: {path}: {why}</source>
        <translation>
            <numerusform>%n could not be moved: {path}: {why}</numerusform>
            <numerusform>%n could not be moved, the first: {path}: {why}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesView</name>
    <message numerus="yes">
        <location filename="../../album/gui/duplicates_view.py" line="202"/>
        <source>%n group(s) of copies or bursts. The suggested photo to keep is first; the others are set aside (hidden from Photos, the files stay) or moved to the Trash only when you ask.</source>
        <translation>
            <numerusform>%n group of copies or a burst. The suggested photo to keep is first; the others are set aside (hidden from Photos, the files stay) or moved to the Trash only when you ask.</numerusform>
            <numerusform>%n groups of copies or bursts. The suggested photo to keep is first; the others are set aside (hidden from Photos, the files stay) or moved to the Trash only when you ask.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExploreView</name>
    <message numerus="yes">
        <location filename="../../album/gui/explore_view.py" line="258"/>
        <source>%Ln photo(s) by what they show.</source>
        <translation>
            <numerusform>%Ln photo by what it shows.</numerusform>
            <numerusform>%Ln photos by what they show.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/explore_view.py" line="278"/>
        <source>Show %Ln photo(s)</source>
        <translation>
            <numerusform>Show %Ln photo</numerusform>
            <numerusform>Show %Ln photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../album/gui/albums_view.py" line="151"/>
        <source>Export %Ln Photo(s)</source>
        <translation>
            <numerusform>Export %Ln Photo</numerusform>
            <numerusform>Export %Ln Photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ItemCounts</name>
    <message numerus="yes">
        <location filename="../../album/gui/item_counts.py" line="20"/>
        <location filename="../../album/gui/item_counts.py" line="24"/>
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln photo</numerusform>
            <numerusform>%Ln photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/item_counts.py" line="21"/>
        <source>%Ln video(s)</source>
        <translation>
            <numerusform>%Ln video</numerusform>
            <numerusform>%Ln videos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="482"/>
        <source>Paused after {done} of %Ln photo(s)</source>
        <translation>
            <numerusform>Paused after {done} of %Ln photo</numerusform>
            <numerusform>Paused after {done} of %Ln photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="499"/>
        <source>Indexing {done} of %Ln photo(s) · {rate}/s</source>
        <translation>
            <numerusform>Indexing {done} of %Ln photo · {rate}/s</numerusform>
            <numerusform>Indexing {done} of %Ln photos · {rate}/s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="535"/>
        <source>⚠ %Ln problem(s)</source>
        <translation>
            <numerusform>⚠ %Ln problem</numerusform>
            <numerusform>⚠ %Ln problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="539"/>
        <source>⚠ %Ln photo(s) kept: folder offline?</source>
        <translation>
            <numerusform>⚠ %Ln photo kept: folder offline?</numerusform>
            <numerusform>⚠ %Ln photos kept: folder offline?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="557"/>
        <source>%Ln photo(s) of {folder} were kept in the library. {reason}

If they are really gone, remove them from the library? Their faces and names are kept for 30 days in case they come back.</source>
        <translation>
            <numerusform>%Ln photo of {folder} was kept in the library. {reason}

If it is really gone, remove it from the library? Its faces and names are kept for 30 days in case it comes back.</numerusform>
            <numerusform>%Ln photos of {folder} were kept in the library. {reason}

If they are really gone, remove them from the library? Their faces and names are kept for 30 days in case they come back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message numerus="yes">
        <location filename="../../album/gui/people_view.py" line="190"/>
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
        <location filename="../../album/gui/people_view.py" line="228"/>
        <source>Merge %n People…</source>
        <translation>
            <numerusform>Merge %n Person…</numerusform>
            <numerusform>Merge %n People…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Scrubber</name>
    <message numerus="yes">
        <location filename="../../album/gui/scrubber.py" line="187"/>
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln photo</numerusform>
            <numerusform>%Ln photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message numerus="yes">
        <location filename="../../album/gui/duplicate_review.py" line="36"/>
        <source>Move %n photo(s) ({size}) to the Trash?</source>
        <translation>
            <numerusform>Move %n photo ({size}) to the Trash?</numerusform>
            <numerusform>Move %n photos ({size}) to the Trash?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_GroupRow</name>
    <message numerus="yes">
        <location filename="../../album/gui/duplicates_view.py" line="115"/>
        <source>{kind} · %n photo(s) · suggested: the first ({reasons})</source>
        <translation>
            <numerusform>{kind} · %n photo · suggested: the first ({reasons})</numerusform>
            <numerusform>{kind} · %n photos · suggested: the first ({reasons})</numerusform>
        </translation>
    </message>
</context>
</TS>
