<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlbumsView</name>
    <message>
        <location filename="../../album/gui/albums_view.py" line="96"/>
        <source>Albums</source>
        <translation>相簿</translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="97"/>
        <source>New Album…</source>
        <translation>新建相簿…</translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="98"/>
        <source>New Smart Album…</source>
        <translation>新建智能相簿…</translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="99"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="102"/>
        <source>No albums yet. Select photos and choose Add to Album, or make a new album here.</source>
        <translation>还没有相簿。选中照片后选择“添加到相簿”，或在这里新建相簿。</translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="100"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="101"/>
        <source>Delete Album…</source>
        <translation>删除相簿…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../album/gui/app.py" line="41"/>
        <source>Something unexpected happened: {error}

Details were saved to {log}.</source>
        <translation>出现了意外问题：{error}

详细信息已保存到 {log}。</translation>
    </message>
    <message>
        <location filename="../../album/gui/app.py" line="44"/>
        <source>album hit a problem</source>
        <translation>album 遇到了问题</translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <location filename="../../album/gui/search_bar.py" line="319"/>
        <source>Edit this filter</source>
        <translation>编辑此筛选条件</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="322"/>
        <source>Remove this filter</source>
        <translation>移除此筛选条件</translation>
    </message>
</context>
<context>
    <name>Collections</name>
    <message>
        <location filename="../../album/gui/collections.py" line="131"/>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="132"/>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="133"/>
        <source>No Stars</source>
        <translation>无星级</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="135"/>
        <source>%n Star(s)</source>
        <translation>
            <numerusform>%n 星</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="136"/>
        <source>Add to Album</source>
        <translation>添加到相簿</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="137"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="150"/>
        <source>New Album…</source>
        <translation>新建相簿…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="232"/>
        <source>Removed %Ln photo(s) from favourites</source>
        <translation>
            <numerusform>已将 %Ln 张照片移出收藏</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="233"/>
        <source>Added %Ln photo(s) to favourites</source>
        <translation>
            <numerusform>已收藏 %Ln 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="240"/>
        <source>Rated %Ln photo(s)</source>
        <translation>
            <numerusform>已为 %Ln 张照片评分</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="352"/>
        <source>Album name:</source>
        <translation>相簿名称：</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="358"/>
        <source>Album</source>
        <translation>相簿</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="358"/>
        <source>There is already an album called “{name}”.</source>
        <translation>已经有名为“{name}”的相簿了。</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="365"/>
        <source>New Album</source>
        <translation>新建相簿</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="374"/>
        <location filename="../../album/gui/collections.py" line="388"/>
        <source>Made the album “{name}”</source>
        <translation>已新建相簿“{name}”</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="378"/>
        <location filename="../../album/gui/collections.py" line="382"/>
        <source>New Smart Album</source>
        <translation>新建智能相簿</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="383"/>
        <source>Photos that match this search:</source>
        <translation>符合此搜索的照片：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="288"/>
        <location filename="../../album/gui/collections.py" line="393"/>
        <source>Added %Ln photo(s) to “{name}”</source>
        <translation>
            <numerusform>已将 %Ln 张照片添加到“{name}”</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="421"/>
        <source>Exporting photos…</source>
        <translation>正在导出照片…</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="421"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="443"/>
        <source>Export cancelled after %Ln photo(s)</source>
        <translation>
            <numerusform>导出已取消，已导出 %Ln 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="444"/>
        <source>Exported %Ln photo(s) to {folder}</source>
        <translation>
            <numerusform>已将 %Ln 张照片导出到 {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="446"/>
        <source>(%Ln could not be read)</source>
        <translation>
            <numerusform>（%Ln 张无法读取）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="138"/>
        <source>Make Key Photo</source>
        <translation>设为封面照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="139"/>
        <source>Remove from Album</source>
        <translation>从相簿中移除</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="269"/>
        <source>My Albums</source>
        <translation>我的相簿</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="305"/>
        <source>Rename Album</source>
        <translation>重命名相簿</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="308"/>
        <source>Renamed the album to “{name}”</source>
        <translation>已将相簿重命名为“{name}”</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="313"/>
        <source>Delete the album “{name}”? Its photos stay in your library.</source>
        <translation>删除相簿“{name}”？其中的照片仍保留在图库中。</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="314"/>
        <source>Delete Album</source>
        <translation>删除相簿</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="317"/>
        <source>Deleted the album “{name}”</source>
        <translation>已删除相簿“{name}”</translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="326"/>
        <source>Made the key photo of “{name}”</source>
        <translation>已设为“{name}”的封面照片</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/collections.py" line="334"/>
        <source>Removed %Ln photo(s) from “{name}”</source>
        <translation>
            <numerusform>已从“{name}”中移除 %Ln 张照片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/collections.py" line="348"/>
        <source>Changed the order of “{name}”</source>
        <translation>已调整“{name}”的顺序</translation>
    </message>
</context>
<context>
    <name>DuplicateReview</name>
    <message>
        <location filename="../../album/gui/duplicate_review.py" line="91"/>
        <location filename="../../album/gui/duplicate_review.py" line="92"/>
        <source>Duplicates</source>
        <translation>重复照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicate_review.py" line="93"/>
        <source>Move to Trash…</source>
        <translation>移到废纸篓…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/duplicate_review.py" line="150"/>
        <source>Moved %n photo(s) to the Trash.</source>
        <translation>
            <numerusform>已将 %n 张照片移到废纸篓。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/duplicate_review.py" line="153"/>
        <source>%n could not be moved: {path}: {why}</source>
        <translation>
            <numerusform>%n 张无法移动：{path}：{why}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesView</name>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="198"/>
        <source>Looking for duplicates…</source>
        <translation>正在查找重复照片…</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="200"/>
        <source>No duplicates: every photo in the library is one of a kind.</source>
        <translation>没有重复照片：相册里的每张照片都是独一无二的。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/duplicates_view.py" line="202"/>
        <source>%n group(s) of copies or bursts. The suggested photo to keep is first; the others are set aside (hidden from Photos, the files stay) or moved to the Trash only when you ask.</source>
        <translation>
            <numerusform>%n 组副本或连拍。建议保留的照片排在第一张；其余照片会被搁置（不在“照片”中显示，文件保留），只有在你要求时才会移到废纸篓。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExploreView</name>
    <message>
        <location filename="../../album/gui/explore_view.py" line="150"/>
        <source>Colour by:</source>
        <translation>着色依据：</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="151"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="151"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="151"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="151"/>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="158"/>
        <source>Add to Album</source>
        <translation>添加到相簿</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="159"/>
        <source>Map of the photos by what they show</source>
        <translation>按内容排布的照片地图</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="187"/>
        <source>Laying out the photos…</source>
        <translation>正在排布照片…</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="198"/>
        <source>Arranging the photos by what they show…</source>
        <translation>正在按内容排列照片…</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="198"/>
        <source>Grouping them into regions…</source>
        <translation>正在将照片分成区域…</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="199"/>
        <source>Naming the regions…</source>
        <translation>正在为区域命名…</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="200"/>
        <source>Laying out your photos</source>
        <translation>正在排布你的照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="201"/>
        <source>The first layout takes a few seconds; later visits reuse it.</source>
        <translation>首次排布需要几秒钟；之后再次打开会直接使用它。</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="250"/>
        <source>No photos yet. Import a folder (File ▸ Import Folder…) and its photos are laid out here by what they show.</source>
        <translation>还没有照片。导入一个文件夹（文件 ▸ 导入文件夹…），其中的照片会按内容排布在这里。</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="254"/>
        <source>The map places photos by what they show, which needs the semantic search model. Install it in File ▸ Settings ▸ Models; once your photos are indexed with it, they appear here.</source>
        <translation>这张图按内容排布照片，需要语义搜索模型。请在“文件 ▸ 设置 ▸ 模型”中安装；照片用它建立索引后就会出现在这里。</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="257"/>
        <source>Drag to move, wheel to zoom, Shift+drag to select, click to open.</source>
        <translation>拖动可移动，滚轮可缩放，Shift+拖动可圈选，点击可打开。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/explore_view.py" line="258"/>
        <source>%Ln photo(s) by what they show.</source>
        <translation>
            <numerusform>按内容排布的 %Ln 张照片。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/explore_view.py" line="278"/>
        <source>Show %Ln photo(s)</source>
        <translation>
            <numerusform>显示 %Ln 张照片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="278"/>
        <source>Show Photos</source>
        <translation>显示照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/explore_view.py" line="299"/>
        <source>New Album…</source>
        <translation>新建相簿…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../album/gui/albums_view.py" line="151"/>
        <source>Export %Ln Photo(s)</source>
        <translation>
            <numerusform>导出 %Ln 张照片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="153"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="158"/>
        <source>Original files, unchanged</source>
        <translation>原始文件，不做改动</translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="159"/>
        <source>JPEG pictures at most this many pixels across:</source>
        <translation>JPEG 图片，最长边不超过：</translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="162"/>
        <source>Keep the date, place and camera in the pictures</source>
        <translation>在图片中保留日期、地点和相机信息</translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="168"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="172"/>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <location filename="../../album/gui/albums_view.py" line="182"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
</context>
<context>
    <name>FaceReview</name>
    <message>
        <location filename="../../album/gui/people_view.py" line="278"/>
        <source>Faces that look least like the others come first. Select the ones that are someone else.</source>
        <translation>最不像其他照片的人脸排在前面。请选出其中属于别人的人脸。</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="281"/>
        <source>Not This Person</source>
        <translation>不是此人</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="302"/>
        <source>distance from this person&apos;s typical face: {d}</source>
        <translation>与此人典型人脸的距离：{d}</translation>
    </message>
</context>
<context>
    <name>ItemCounts</name>
    <message numerus="yes">
        <location filename="../../album/gui/item_counts.py" line="20"/>
        <location filename="../../album/gui/item_counts.py" line="24"/>
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/item_counts.py" line="21"/>
        <source>%Ln video(s)</source>
        <translation>
            <numerusform>%Ln 个视频</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/item_counts.py" line="24"/>
        <source>{photos}, {videos}</source>
        <translation>{photos}，{videos}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../album/gui/main_window.py" line="281"/>
        <location filename="../../album/gui/main_window.py" line="288"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="282"/>
        <location filename="../../album/gui/main_window.py" line="288"/>
        <source>People</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="226"/>
        <source>Opening library…</source>
        <translation>正在打开相册…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="296"/>
        <location filename="../../album/gui/main_window.py" line="575"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="297"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="298"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="299"/>
        <source>&amp;Import Folder…</source>
        <translation>导入文件夹(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="300"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="302"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="305"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="306"/>
        <source>&amp;About album</source>
        <translation>关于 album(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="458"/>
        <source>Something went wrong: {message}</source>
        <translation>出错了：{message}</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="312"/>
        <location filename="../../album/gui/main_window.py" line="383"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="472"/>
        <location filename="../../album/gui/main_window.py" line="488"/>
        <source>Looking for photos…</source>
        <translation>正在查找照片…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="477"/>
        <source>another album process</source>
        <translation>另一个 album 进程</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="487"/>
        <source>Loading models…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="489"/>
        <source>Finding moved photos…</source>
        <translation>正在查找移动过的照片…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="490"/>
        <source>Tidying up the library…</source>
        <translation>正在整理相册…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="303"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="781"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="784"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="478"/>
        <source>Waiting for {who} to finish changing the library…</source>
        <translation>正在等待 {who} 完成对相册的修改…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="492"/>
        <source>Indexing…</source>
        <translation>正在索引…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="519"/>
        <source>semantic search off</source>
        <translation>语义搜索已关闭</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="519"/>
        <source>people off</source>
        <translation>人物识别已关闭</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="549"/>
        <source>The folder is empty: is a drive unplugged or a share not mounted?</source>
        <translation>文件夹是空的：是否拔出了硬盘，或网络共享未挂载？</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="550"/>
        <source>The folder is on another drive than last time.</source>
        <translation>这个文件夹所在的硬盘与上次不同。</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="551"/>
        <source>Most of its photos are gone at once.</source>
        <translation>它的大部分照片一下子都不见了。</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="290"/>
        <location filename="../../album/gui/main_window.py" line="553"/>
        <source>Photos kept</source>
        <translation>保留的照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="569"/>
        <source>Stopping… (everything indexed so far is kept)</source>
        <translation>正在停止…（已索引的内容都会保留）</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="296"/>
        <location filename="../../album/gui/main_window.py" line="575"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="578"/>
        <source>Pausing…</source>
        <translation>正在暂停…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="289"/>
        <location filename="../../album/gui/main_window.py" line="582"/>
        <source>Photos that could not be read</source>
        <translation>无法读取的照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="582"/>
        <source>No problems.</source>
        <translation>没有问题。</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="637"/>
        <source>semantic search is unavailable, showing photos by their filters only</source>
        <translation>语义搜索不可用，仅按筛选条件显示照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="307"/>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="307"/>
        <source>Find Similar Photos</source>
        <translation>查找相似照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="307"/>
        <source>Open in Default App</source>
        <translation>用默认程序打开</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="308"/>
        <source>Show in Folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="513"/>
        <source>Stopped: {items}</source>
        <translation>已停止：{items}</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="515"/>
        <source>Done: {items}</source>
        <translation>完成：{items}</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="520"/>
        <source>videos not indexed</source>
        <translation>视频未编入索引</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="531"/>
        <source>Video support is not installed: pip install &apos;{extra}&apos;, then import again.</source>
        <translation>未安装视频支持：运行 pip install &apos;{extra}&apos;，然后重新导入。</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="780"/>
        <source>&amp;Undo {edit}</source>
        <translation>撤销{edit}(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="783"/>
        <source>&amp;Redo {edit}</source>
        <translation>重做{edit}(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="795"/>
        <location filename="../../album/gui/main_window.py" line="814"/>
        <source>Unnamed</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="796"/>
        <source>Faces of {name}</source>
        <translation>{name}的人脸</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="864"/>
        <source>Import a folder of photos</source>
        <translation>导入照片文件夹</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="892"/>
        <source>Settings saved; they apply when the current import ends</source>
        <translation>设置已保存，将在当前导入结束后生效</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="894"/>
        <source>Applying settings…</source>
        <translation>正在应用设置…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="923"/>
        <source>&lt;h3&gt;album {version}&lt;/h3&gt;&lt;p&gt;A private, offline photo album: everything stays on this computer.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Models and their licences&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;{licences}&lt;/ul&gt;&lt;p&gt;&lt;b&gt;Built with&lt;/b&gt; {versions}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;album {version}&lt;/h3&gt;&lt;p&gt;私密的离线相册：所有数据都留在这台电脑上。&lt;/p&gt;&lt;p&gt;&lt;b&gt;模型及其许可&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;{licences}&lt;/ul&gt;&lt;p&gt;&lt;b&gt;使用的软件&lt;/b&gt; {versions}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="926"/>
        <source>About album</source>
        <translation>关于 album</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="482"/>
        <source>Paused after {done} of %Ln photo(s)</source>
        <translation>
            <numerusform>已暂停：已处理 {done} / %Ln 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="499"/>
        <source>Indexing {done} of %Ln photo(s) · {rate}/s</source>
        <translation>
            <numerusform>正在索引第 {done} / %Ln 张照片 · 每秒 {rate} 张</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="516"/>
        <source> · {added} new · {updated} changed · {removed} removed · {failed} could not be read</source>
        <translation> · 新增 {added} · 更改 {updated} · 移除 {removed} · {failed} 张无法读取</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="528"/>
        <source>Its model is not installed or could not be loaded: File ▸ Settings ▸ Models says more.</source>
        <translation>它的模型未安装或无法加载：详见“文件 ▸ 设置 ▸ 模型”。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="535"/>
        <source>⚠ %Ln problem(s)</source>
        <translation>
            <numerusform>⚠ %Ln 个问题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="539"/>
        <source>⚠ %Ln photo(s) kept: folder offline?</source>
        <translation>
            <numerusform>⚠ 保留了 %Ln 张照片：文件夹离线？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/main_window.py" line="557"/>
        <source>%Ln photo(s) of {folder} were kept in the library. {reason}

If they are really gone, remove them from the library? Their faces and names are kept for 30 days in case they come back.</source>
        <translation>
            <numerusform>{folder} 中的 %Ln 张照片仍保留在相册中。{reason}

如果它们确实已不存在，要从相册中移除吗？它们的人脸和名字会保留 30 天，以防它们再回来。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="301"/>
        <source>&amp;Download Models…</source>
        <translation>下载模型(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="591"/>
        <source>Similar to: {name}</source>
        <translation>相似于：{name}</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="284"/>
        <location filename="../../album/gui/main_window.py" line="290"/>
        <source>Albums</source>
        <translation>相簿</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="280"/>
        <source>Library</source>
        <translation>图库</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="283"/>
        <location filename="../../album/gui/main_window.py" line="289"/>
        <source>Places</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="286"/>
        <source>Collapse sidebar</source>
        <translation>收起侧边栏</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="286"/>
        <source>Expand sidebar</source>
        <translation>展开侧边栏</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="288"/>
        <source>Go to</source>
        <translation>前往</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="285"/>
        <source>Explore</source>
        <translation>探索</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../../album/gui/map_view.py" line="170"/>
        <location filename="../../album/gui/map_view.py" line="171"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../album/gui/map_view.py" line="172"/>
        <location filename="../../album/gui/map_view.py" line="173"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../album/gui/map_view.py" line="174"/>
        <source>Search this area</source>
        <translation>搜索此区域</translation>
    </message>
    <message>
        <location filename="../../album/gui/map_view.py" line="175"/>
        <source>Show the photos taken in the middle of the map (Shift-drag on the map to draw a circle)</source>
        <translation>显示在地图中央拍摄的照片（按住 Shift 在地图上拖动可画一个圆）</translation>
    </message>
    <message>
        <location filename="../../album/gui/map_view.py" line="177"/>
        <source>Map of the photos&apos; places</source>
        <translation>照片拍摄地点地图</translation>
    </message>
    <message>
        <location filename="../../album/gui/map_view.py" line="178"/>
        <source>No photos with a place yet. Photos taken with the camera&apos;s location on appear here, where they were taken.</source>
        <translation>还没有带地点的照片。开启相机定位后拍摄的照片会出现在地图上它们的拍摄地点。</translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <location filename="../../album/gui/name_dialog.py" line="56"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../album/gui/name_dialog.py" line="57"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../album/gui/people_page.py" line="38"/>
        <source>To name someone, right-click their face and choose Name…; double-click a face to see that person&apos;s photos.</source>
        <translation>要为某人命名，右键点击其人脸并选择“命名…”；双击人脸可查看此人的照片。</translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <location filename="../../album/gui/people_view.py" line="67"/>
        <location filename="../../album/gui/people_view.py" line="189"/>
        <source>Unnamed</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="72"/>
        <source>Merge {count} people into “{name}”?</source>
        <translation>将 {count} 个人合并为“{name}”？</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/people_view.py" line="190"/>
        <source>{name}
%Ln photo(s)</source>
        <translation>
            <numerusform>{name}
%Ln 张照片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="226"/>
        <source>Name…</source>
        <translation>命名…</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="227"/>
        <source>Show Faces…</source>
        <translation>查看人脸…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/people_view.py" line="228"/>
        <source>Merge %n People…</source>
        <translation>
            <numerusform>合并 %n 个人…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="53"/>
        <location filename="../../album/gui/people_view.py" line="229"/>
        <source>This Is Me</source>
        <translation>这是我</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="49"/>
        <source>Name Face</source>
        <translation>命名人脸</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="50"/>
        <location filename="../../album/gui/people_view.py" line="70"/>
        <source>Merge People</source>
        <translation>合并人物</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="52"/>
        <source>Not This Person</source>
        <translation>不是此人</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="54"/>
        <source>Move Faces</source>
        <translation>移动人脸</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="74"/>
        <source>Their faces will all be one person.</source>
        <translation>他们的所有人脸将归为同一个人。</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="77"/>
        <source>These names will no longer be used: {names}.</source>
        <translation>以下名字将不再使用：{names}。</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="79"/>
        <source>You can undo this with Edit ▸ Undo.</source>
        <translation>可以用“编辑 ▸ 撤销”撤回。</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="83"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="195"/>
        <source>Double-click to see this person&apos;s photos</source>
        <translation>双击查看此人的照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="196"/>
        <source>Double-click to see this person&apos;s photos; right-click ▸ Name… to name them</source>
        <translation>双击查看此人的照片；右键点击 ▸ 命名… 为其命名</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="241"/>
        <source>Rename Person</source>
        <translation>重命名人物</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="48"/>
        <location filename="../../album/gui/people_view.py" line="241"/>
        <source>Name Person</source>
        <translation>命名人物</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="51"/>
        <location filename="../../album/gui/people_view.py" line="230"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>PhotoGrid</name>
    <message>
        <location filename="../../album/gui/photo_grid.py" line="240"/>
        <source>Live</source>
        <translation>实况</translation>
    </message>
    <message>
        <location filename="../../album/gui/photo_grid.py" line="354"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/photo_grid.py" line="355"/>
        <source>Arrow keys move, Shift or Ctrl selects, Enter opens the photo</source>
        <translation>方向键移动，Shift 或 Ctrl 选择，回车打开照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/photo_grid.py" line="611"/>
        <source>{date} · {place}</source>
        <translation>{date} · {place}</translation>
    </message>
</context>
<context>
    <name>PhotoModel</name>
    <message>
        <location filename="../../album/gui/photo_grid.py" line="200"/>
        <source>The file is not available (its folder may be offline)</source>
        <translation>文件无法打开（所在文件夹可能已离线）</translation>
    </message>
</context>
<context>
    <name>PhotoShows</name>
    <message>
        <location filename="../../album/gui/showing.py" line="50"/>
        <source>Slideshow</source>
        <translation>幻灯片放映</translation>
    </message>
</context>
<context>
    <name>PlacesPage</name>
    <message>
        <location filename="../../album/gui/places_page.py" line="25"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../album/gui/places_page.py" line="26"/>
        <source>List</source>
        <translation>列表</translation>
    </message>
</context>
<context>
    <name>QuickLook</name>
    <message>
        <location filename="../../album/gui/quick_look.py" line="53"/>
        <source>Quick look</source>
        <translation>快速查看</translation>
    </message>
    <message>
        <location filename="../../album/gui/quick_look.py" line="130"/>
        <source>{n} of {total}</source>
        <translation>第 {n} 张，共 {total} 张</translation>
    </message>
</context>
<context>
    <name>Scrubber</name>
    <message>
        <location filename="../../album/gui/scrubber.py" line="41"/>
        <source>Undated</source>
        <translation>无日期</translation>
    </message>
    <message>
        <location filename="../../album/gui/scrubber.py" line="44"/>
        <source>MMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <location filename="../../album/gui/scrubber.py" line="46"/>
        <source>{month} {year}</source>
        <translation>{year}年{month}</translation>
    </message>
    <message>
        <location filename="../../album/gui/scrubber.py" line="77"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../album/gui/scrubber.py" line="119"/>
        <source>Jump to a month: Up and Down, Page Up and Down for years. Now: {month}</source>
        <translation>跳到某个月：上下方向键按月，Page Up 和 Page Down 按年。当前：{month}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/scrubber.py" line="187"/>
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln 张照片</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <location filename="../../album/gui/search_bar.py" line="73"/>
        <source>Person: {}</source>
        <translation>人物：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="74"/>
        <source>Date: {}</source>
        <translation>日期：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="75"/>
        <source>Place: {}</source>
        <translation>地点：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="76"/>
        <source>Camera: {}</source>
        <translation>相机：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="77"/>
        <source>Tag: {}</source>
        <translation>标签：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="78"/>
        <source>Your tag: {}</source>
        <translation>我的标签：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="79"/>
        <source>Rating: {}</source>
        <translation>评分：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="80"/>
        <source>Label: {}</source>
        <translation>色标：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="81"/>
        <source>Not: {}</source>
        <translation>排除：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="99"/>
        <source>{year}</source>
        <comment>a whole year</comment>
        <translation>{year}年</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="101"/>
        <source>MMMM yyyy</source>
        <comment>a whole month, as QDate writes it</comment>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="115"/>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="116"/>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="117"/>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="118"/>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="119"/>
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="127"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="128"/>
        <source>{} or more</source>
        <translation>{} 及以上</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="180"/>
        <source>Similarity {:.2f}</source>
        <translation>相似度 {:.2f}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="204"/>
        <source>In your title, caption or tags: {}</source>
        <translation>在你的标题、说明或标签中：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="216"/>
        <source>A distance must be a number of km between 0 and {max_km}.</source>
        <translation>距离必须是 0 到 {max_km} 之间的公里数。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="219"/>
        <source>A latitude must be between -90 and 90.</source>
        <translation>纬度必须在 -90 到 90 之间。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="221"/>
        <source>A longitude must be between -180 and 180.</source>
        <translation>经度必须在 -180 到 180 之间。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="223"/>
        <source>Dates must be between {first} and {last}, not {year}.</source>
        <translation>日期必须在 {first} 年到 {last} 年之间，而不是 {year} 年。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="226"/>
        <source>A search can be at most {count} characters long.</source>
        <translation>搜索内容最多 {count} 个字符。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="229"/>
        <source>A person&apos;s name cannot be empty.</source>
        <translation>人名不能为空。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="231"/>
        <source>The search is not valid Unicode text.</source>
        <translation>搜索内容不是有效的 Unicode 文本。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="233"/>
        <source>A limit must be at least 1.</source>
        <translation>数量上限至少为 1。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="235"/>
        <source>A rating is between 0 and {max_stars} stars.</source>
        <translation>评分必须在 0 到 {max_stars} 星之间。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="395"/>
        <source>Search: “Anna at the beach in summer 2023”, “有小狗的照片”, or drop a photo here</source>
        <translation>搜索：“2023年夏天安娜在海边”、“有小狗的照片”，或把照片拖到这里</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="540"/>
        <source>Other places of this name</source>
        <translation>同名的其他地点</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="554"/>
        <source>Edit this filter</source>
        <translation>编辑此筛选条件</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="82"/>
        <source>Favourites</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="83"/>
        <source>Album: {}</source>
        <translation>相簿：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="397"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="399"/>
        <source>Clear search</source>
        <translation>清除搜索</translation>
    </message>
</context>
<context>
    <name>SearchStates</name>
    <message>
        <location filename="../../album/gui/search_states.py" line="46"/>
        <source>There are no photos in the library yet. Drop a folder of photos here, or choose File ▸ Import Folder…</source>
        <translation>相册里还没有照片。把照片文件夹拖到这里，或选择“文件 ▸ 导入文件夹…”</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="50"/>
        <source>No photos in {place}.</source>
        <translation>没有在{place}拍的照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="52"/>
        <source>No photos from {dates}.</source>
        <translation>没有{dates}的照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="54"/>
        <source>No photos of {names}.</source>
        <translation>没有{names}的照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="56"/>
        <source>No photos match “{text}”.</source>
        <translation>没有与“{text}”相符的照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="59"/>
        <source>No photo matches all of: {filters}.</source>
        <translation>没有照片同时符合：{filters}。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="61"/>
        <source>No photos match this search.</source>
        <translation>没有符合这个搜索的照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="66"/>
        <source>Your photos are from:</source>
        <translation>你的照片拍摄于：</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="69"/>
        <source>Your photos were taken in:</source>
        <translation>你的照片拍摄年份：</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="72"/>
        <source>People in your photos:</source>
        <translation>照片中的人物：</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="74"/>
        <source>Remove a filter above (its ✕) to see more photos.</source>
        <translation>移除上方的一个筛选条件（点它的 ✕）可以看到更多照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="80"/>
        <source>Nothing looks much like “{text}”: these are the closest photos, not matches.</source>
        <translation>没有照片很像“{text}”：下面是最接近的照片，并不是匹配结果。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="83"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="85"/>
        <source>Library</source>
        <translation>相册</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="86"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="87"/>
        <source>Search &amp;&amp; people</source>
        <translation>搜索和人物</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="110"/>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="112"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="118"/>
        <source>album watches these folders and never changes them. Removing a folder takes its photos out of album; the files stay where they are.</source>
        <translation>album 会关注这些文件夹，但从不修改它们。移除文件夹只会把其中的照片从 album 中移除，文件本身保持原样。</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="140"/>
        <location filename="../../album/gui/settings_dialog.py" line="142"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="144"/>
        <source>Open Models Folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="146"/>
        <source>Download missing models when they are first needed</source>
        <translation>首次需要时自动下载缺少的模型</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="157"/>
        <source>Semantic search:</source>
        <translation>语义搜索：</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="159"/>
        <source>Faces:</source>
        <translation>人脸：</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="172"/>
        <source>Higher: fewer automatic tags, more of them right.</source>
        <translation>越高：自动标签越少，但越准确。</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="174"/>
        <source>the face model&apos;s own</source>
        <translation>使用人脸模型的默认值</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="176"/>
        <source>Lower: people are split more readily; higher: merged more readily.</source>
        <translation>越低：越容易把同一人分开；越高：越容易把不同人合并。</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="178"/>
        <source>Automatic tags from probability:</source>
        <translation>自动标签的最低概率：</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="179"/>
        <source>Same person up to face distance:</source>
        <translation>同一人的最大人脸距离：</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="180"/>
        <source>Changes apply to photos indexed from now on; faces are regrouped after the next import.</source>
        <translation>更改将用于之后索引的照片；人脸会在下次导入后重新分组。</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="199"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="239"/>
        <source>installed, but it failed: {failure}</source>
        <translation>已安装，但运行失败：{failure}</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="241"/>
        <source>installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="241"/>
        <source>not downloaded yet</source>
        <translation>尚未下载</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="243"/>
        <source>{name}{state} — {note}
Folder: {folder}
Licence: {licence}</source>
        <translation>{name}{state} — {note}
文件夹：{folder}
许可：{licence}</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="287"/>
        <source>Download failed: {error}</source>
        <translation>下载失败：{error}</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="296"/>
        <source>Add a folder of photos</source>
        <translation>添加照片文件夹</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="40"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="252"/>
        <source>The face models (insightface buffalo_l) are licensed for non-commercial research use only. Download them for private, non-commercial use?</source>
        <translation>人脸模型（insightface buffalo_l）的许可仅限非商业研究用途。是否下载用于私人、非商业用途？</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="259"/>
        <source>Face models licence</source>
        <translation>人脸模型许可</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="42"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="43"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="44"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="88"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="109"/>
        <source>Library folders</source>
        <translation>图库文件夹</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="200"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="202"/>
        <source>The new language and theme apply as soon as you press OK.</source>
        <translation>按“确定”后，新的语言和主题立即生效。</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="201"/>
        <source>Slideshow, each photo for:</source>
        <translation>幻灯片每张照片显示：</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="203"/>
        <source>Detailed map from OpenStreetMap on the Places page (online)</source>
        <translation>在“地点”页面显示 OpenStreetMap 的详细地图（联网）</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="204"/>
        <source>The part of the world the map shows is sent to openstreetmap.org; tiles are kept in album&apos;s cache. Off: the map uses no network.</source>
        <translation>地图显示的区域会发送给 openstreetmap.org；地图图块保存在 album 的缓存中。关闭时，地图不使用网络。</translation>
    </message>
</context>
<context>
    <name>Slideshow</name>
    <message>
        <location filename="../../album/gui/slideshow.py" line="44"/>
        <source>Slideshow</source>
        <translation>幻灯片放映</translation>
    </message>
    <message>
        <location filename="../../album/gui/slideshow.py" line="131"/>
        <source>Paused — Space resumes, Esc ends</source>
        <translation>已暂停 — 按空格键继续，按 Esc 结束</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../album/gui/texts.py" line="45"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="48"/>
        <source>{when} (the file&apos;s date: the photo has none of its own)</source>
        <translation>{when}（文件日期：照片本身没有记录拍摄时间）</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="55"/>
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="57"/>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="58"/>
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="70"/>
        <source>almost done</source>
        <translation>即将完成</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="71"/>
        <source>about {duration} left</source>
        <translation>约剩 {duration}</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="75"/>
        <source>added by hand</source>
        <translation>手动添加</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="76"/>
        <source>see the model&apos;s folder</source>
        <translation>见模型文件夹</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="77"/>
        <source>default: English, Chinese and ~100 more languages; ViT-B/32 image cost</source>
        <translation>默认：支持英文、中文等约 100 种语言；图像计算量与 ViT-B/32 相同</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="78"/>
        <source>English only; the same image cost as the default</source>
        <translation>仅支持英文；图像计算量与默认模型相同</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="79"/>
        <source>more accurate, multilingual; about 4x slower to index</source>
        <translation>更准确，支持多语言；索引约慢 4 倍</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="80"/>
        <source>downloads on first use (~280 MB)</source>
        <translation>首次使用时下载（约 280 MB）</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="81"/>
        <source>detector + recogniser</source>
        <translation>检测器 + 识别器</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="82"/>
        <source>code Apache-2.0; trained on MS-Celeb-1M (research terms)</source>
        <translation>代码为 Apache-2.0；用 MS-Celeb-1M 训练（研究用途条款）</translation>
    </message>
    <message>
        <location filename="../../album/gui/texts.py" line="83"/>
        <source>insightface model zoo: non-commercial research use only</source>
        <translation>insightface 模型库：仅限非商业研究用途</translation>
    </message>
</context>
<context>
    <name>Toolbar</name>
    <message>
        <location filename="../../album/gui/toolbar.py" line="101"/>
        <source>Smaller thumbnails</source>
        <translation>缩小缩略图</translation>
    </message>
    <message>
        <location filename="../../album/gui/toolbar.py" line="102"/>
        <source>Larger thumbnails</source>
        <translation>放大缩略图</translation>
    </message>
    <message>
        <location filename="../../album/gui/toolbar.py" line="103"/>
        <source>Thumbnail size</source>
        <translation>缩略图大小</translation>
    </message>
    <message>
        <location filename="../../album/gui/toolbar.py" line="104"/>
        <source>View options</source>
        <translation>显示选项</translation>
    </message>
    <message>
        <location filename="../../album/gui/toolbar.py" line="109"/>
        <source>Larger Thumbnails</source>
        <translation>放大缩略图</translation>
    </message>
    <message>
        <location filename="../../album/gui/toolbar.py" line="110"/>
        <source>Smaller Thumbnails</source>
        <translation>缩小缩略图</translation>
    </message>
    <message>
        <location filename="../../album/gui/toolbar.py" line="111"/>
        <source>Justified</source>
        <translation>按比例排列</translation>
    </message>
    <message>
        <location filename="../../album/gui/toolbar.py" line="112"/>
        <source>Square Tiles</source>
        <translation>方形排列</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <location filename="../../album/gui/duplicate_review.py" line="35"/>
        <location filename="../../album/gui/duplicate_review.py" line="39"/>
        <source>Move to Trash</source>
        <translation>移到废纸篓</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/duplicate_review.py" line="36"/>
        <source>Move %n photo(s) ({size}) to the Trash?</source>
        <translation>
            <numerusform>将 %n 张照片（{size}）移到废纸篓？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicate_review.py" line="38"/>
        <source>You can put them back from the Trash; album forgets them until then.</source>
        <translation>你可以从废纸篓中恢复它们；在此之前 album 不再显示它们。</translation>
    </message>
</context>
<context>
    <name>VideoPlayer</name>
    <message>
        <location filename="../../album/gui/video_player.py" line="158"/>
        <source>Play or pause (Space)</source>
        <translation>播放或暂停（空格）</translation>
    </message>
    <message>
        <location filename="../../album/gui/video_player.py" line="159"/>
        <location filename="../../album/gui/video_player.py" line="242"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../../album/gui/video_player.py" line="160"/>
        <source>Position in the video</source>
        <translation>视频中的位置</translation>
    </message>
    <message>
        <location filename="../../album/gui/video_player.py" line="161"/>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../album/gui/video_player.py" line="223"/>
        <source>the format is not supported</source>
        <translation>不支持此格式</translation>
    </message>
    <message>
        <location filename="../../album/gui/video_player.py" line="224"/>
        <source>This video cannot be played here ({reason}); open it in your video player.</source>
        <translation>此视频无法在这里播放（{reason}）；请用视频播放器打开。</translation>
    </message>
    <message>
        <location filename="../../album/gui/video_player.py" line="242"/>
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
</context>
<context>
    <name>Viewer</name>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="222"/>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="223"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="224"/>
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="227"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="72"/>
        <source>Who Is This?</source>
        <translation>这是谁？</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="354"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="401"/>
        <source>The file is not available: {folder} may be offline. This is the thumbnail album keeps of it.</source>
        <translation>文件无法打开：{folder} 可能已离线。这里显示的是 album 保存的缩略图。</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="406"/>
        <source>This photo cannot be shown.</source>
        <translation>无法显示这张照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="61"/>
        <source>rejected</source>
        <translation>已排除</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="228"/>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="229"/>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="226"/>
        <source>Named in other apps</source>
        <translation>其他应用中标注的人</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="78"/>
        <source>{focal} ({equivalent} mm in 35 mm terms)</source>
        <translation>{focal}（等效 35 毫米焦距 {equivalent} mm）</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="225"/>
        <source>People</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="230"/>
        <source>Why it matched</source>
        <translation>匹配原因</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="234"/>
        <source>Photo information</source>
        <translation>照片信息</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="288"/>
        <source>Unnamed</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer_info.py" line="297"/>
        <source>Photos of {name}</source>
        <translation>{name} 的照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="300"/>
        <source>Back to the photos (Esc)</source>
        <translation>返回照片 (Esc)</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="301"/>
        <source>Zoom out (−)</source>
        <translation>缩小 (−)</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="302"/>
        <source>Zoom in (+)</source>
        <translation>放大 (+)</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="303"/>
        <source>Show or hide the info panel (I)</source>
        <translation>显示或隐藏信息面板 (I)</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="304"/>
        <source>Full screen (F11)</source>
        <translation>全屏 (F11)</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="305"/>
        <source>Play the video in the system&apos;s video player</source>
        <translation>用系统的视频播放器播放此视频</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="306"/>
        <source>A Live Photo: point at it or click to play its motion</source>
        <translation>实况照片：指向或点按即可播放其动态</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="310"/>
        <source>Open in video player</source>
        <translation>在视频播放器中打开</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="311"/>
        <source>Live</source>
        <translation>实况</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="314"/>
        <source>Photo viewer</source>
        <translation>照片查看器</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="315"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="316"/>
        <source>Filmstrip of the results</source>
        <translation>结果胶片条</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="421"/>
        <source>Playing videos here needs Qt Multimedia (album[video]); open it in your video player.</source>
        <translation>在这里播放视频需要 Qt Multimedia（album[video]）；请用视频播放器打开。</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../../album/gui/welcome.py" line="60"/>
        <source>Import Folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <location filename="../../album/gui/welcome.py" line="71"/>
        <source>Opening your library…</source>
        <translation>正在打开你的相册…</translation>
    </message>
    <message>
        <location filename="../../album/gui/welcome.py" line="77"/>
        <source>No photos yet</source>
        <translation>还没有照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/welcome.py" line="59"/>
        <source>Drop a folder of photos here, or choose File ▸ Import Folder…</source>
        <translation>把照片文件夹拖到这里，或选择“文件 ▸ 导入文件夹…”</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../album/gui/first_run.py" line="76"/>
        <location filename="../../album/gui/first_run.py" line="85"/>
        <location filename="../../album/gui/first_run.py" line="99"/>
        <source>Welcome to album</source>
        <translation>欢迎使用 album</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="102"/>
        <source>album works without downloads: you can browse your photos and search them by date, place and camera. These optional models add more. They run on this computer; no photo leaves it.</source>
        <translation>album 无需下载即可使用：你可以浏览照片，并按日期、地点和相机搜索。下面这些可选模型能提供更多功能。它们在这台电脑上运行，照片不会离开这台电脑。</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="210"/>
        <source>Checking download sizes…</source>
        <translation>正在查询下载大小…</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="127"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="130"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="142"/>
        <source>Skip for now</source>
        <translation>暂时跳过</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="145"/>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="149"/>
        <location filename="../../album/gui/first_run.py" line="312"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="160"/>
        <source>Search by describing a photo</source>
        <translation>用文字描述搜索照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="160"/>
        <source>automatic tags</source>
        <translation>自动标签</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="161"/>
        <source>People: find and group faces</source>
        <translation>人物：识别并归类人脸</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="174"/>
        <source>about {size}</source>
        <translation>约 {size}</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="177"/>
        <source>Installed · licence: {licence}</source>
        <translation>已安装 · 许可：{licence}</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="181"/>
        <source>{size} to download · licence: {licence}</source>
        <translation>需下载 {size} · 许可：{licence}</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="190"/>
        <source>More accurate face models (insightface).</source>
        <translation>更准确的人脸模型（insightface）。</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="191"/>
        <source>Free for any use, including a business. album reads these models exactly as OpenCV does, but could not measure how well they recognise people.</source>
        <translation>可免费用于任何用途，包括商业用途。album 读取这些模型的方式与 OpenCV 完全相同，但未能测量它们识别人物的准确度。</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="195"/>
        <source>These face models are licensed for non-commercial research use only. Tick the box only if you use album privately, not for a business.</source>
        <translation>这些人脸模型的许可仅限非商业研究用途。只有在你私人使用 album、而非用于商业时，才勾选此项。</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="221"/>
        <source>Every model is installed.</source>
        <translation>所有模型都已安装。</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="225"/>
        <source>album cannot reach the model server now, so it cannot download them.</source>
        <translation>album 现在无法连接模型服务器，因此无法下载。</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="227"/>
        <source>To install them by hand, copy these files into the models folder ({folder}), then press Check again. Or connect to the internet and press Check again.</source>
        <translation>要手动安装，请把这些文件复制到模型文件夹（{folder}），然后点击“重新检查”。或者连接互联网后点击“重新检查”。</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="234"/>
        <source>Choose what to download. You can also do it later in Settings.</source>
        <translation>选择要下载的内容。也可以稍后在“设置”中下载。</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="281"/>
        <source>Starting the download…</source>
        <translation>正在开始下载…</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="302"/>
        <source>{done} of {total} · {speed}/s · {file}</source>
        <translation>{done} / {total} · {speed}/秒 · {file}</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="314"/>
        <source>Start using album</source>
        <translation>开始使用 album</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="318"/>
        <source>Download stopped. What arrived is kept: Resume continues from there.</source>
        <translation>下载已停止。已下载的部分会保留：点击“继续”从中断处接着下载。</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="319"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="321"/>
        <source>The download failed: {message}</source>
        <translation>下载失败：{message}</translation>
    </message>
    <message>
        <location filename="../../album/gui/first_run.py" line="323"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>_GroupRow</name>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="110"/>
        <source>Exact copies</source>
        <translation>完全相同的副本</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="110"/>
        <source>Similar copies</source>
        <translation>相似的副本</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="110"/>
        <source>Burst</source>
        <translation>连拍</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="111"/>
        <source>largest</source>
        <translation>尺寸最大</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="111"/>
        <source>sharpest</source>
        <translation>最清晰</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="111"/>
        <source>has GPS</source>
        <translation>有 GPS</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="112"/>
        <source>most metadata</source>
        <translation>信息最全</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="112"/>
        <source>best quality</source>
        <translation>画质最好</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="113"/>
        <source>first copy found</source>
        <translation>最先找到的副本</translation>
    </message>
    <message numerus="yes">
        <location filename="../../album/gui/duplicates_view.py" line="115"/>
        <source>{kind} · %n photo(s) · suggested: the first ({reasons})</source>
        <translation>
            <numerusform>{kind} · %n 张照片 · 建议保留第一张（{reasons}）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="121"/>
        <source>Keep · {caption}</source>
        <translation>保留 · {caption}</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="122"/>
        <source>Photo {n} of the group: {caption}</source>
        <translation>本组第 {n} 张照片：{caption}</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="124"/>
        <source>Keep Suggested</source>
        <translation>保留建议的照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="124"/>
        <source>Keep Selected</source>
        <translation>保留选中的照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="125"/>
        <source>Not Duplicates</source>
        <translation>不是重复照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/duplicates_view.py" line="126"/>
        <source>Move Others to Trash…</source>
        <translation>将其余照片移到废纸篓…</translation>
    </message>
</context>
</TS>
