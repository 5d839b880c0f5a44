<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../album/gui/app.py" line="40"/>
        <source>Something unexpected happened: {error}

Details were saved to {log}.</source>
        <translation>出现了意外问题：{error}

详细信息已保存到 {log}。</translation>
    </message>
    <message>
        <location filename="../../album/gui/app.py" line="43"/>
        <source>album hit a problem</source>
        <translation>album 遇到了问题</translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <location filename="../../album/gui/search_bar.py" line="203"/>
        <source>Edit this filter</source>
        <translation>编辑此筛选条件</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="206"/>
        <source>Remove this filter</source>
        <translation>移除此筛选条件</translation>
    </message>
</context>
<context>
    <name>FaceReview</name>
    <message>
        <location filename="../../album/gui/people_view.py" line="123"/>
        <source>Faces that look least like the others come first. Select the ones that are someone else.</source>
        <translation>最不像其他照片的人脸排在前面。请选出其中属于别人的人脸。</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="126"/>
        <source>Not This Person</source>
        <translation>不是此人</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="147"/>
        <source>distance from this person&apos;s average face: {d}</source>
        <translation>与此人平均人脸的距离：{d}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../album/gui/main_window.py" line="100"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="100"/>
        <source>People</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="108"/>
        <source>Drop a folder of photos here, or choose File ▸ Import Folder…</source>
        <translation>把照片文件夹拖到这里，或选择“文件 ▸ 导入文件夹…”</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="142"/>
        <source>Opening library…</source>
        <translation>正在打开相册…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="146"/>
        <location filename="../../album/gui/main_window.py" line="306"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="149"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="167"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="168"/>
        <source>&amp;Import Folder…</source>
        <translation>导入文件夹(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="169"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="170"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="171"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="172"/>
        <source>&amp;About album</source>
        <translation>关于 album(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="203"/>
        <source>Something went wrong: {message}</source>
        <translation>出错了：{message}</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="187"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="217"/>
        <location filename="../../album/gui/main_window.py" line="233"/>
        <source>Looking for photos…</source>
        <translation>正在查找照片…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="222"/>
        <source>another album process</source>
        <translation>另一个 album 进程</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="232"/>
        <source>Loading models…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="234"/>
        <source>Finding moved photos…</source>
        <translation>正在查找移动过的照片…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="235"/>
        <source>Tidying up the library…</source>
        <translation>正在整理相册…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="227"/>
        <source>Paused after {done} of {total} photos</source>
        <translation>已暂停：已处理 {done} / {total} 张照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="223"/>
        <source>Waiting for {who} to finish changing the library…</source>
        <translation>正在等待 {who} 完成对相册的修改…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="237"/>
        <source>Indexing…</source>
        <translation>正在索引…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="244"/>
        <source>Indexing {done} of {total} photos · {rate}/s · about {eta} left</source>
        <translation>正在索引第 {done} / {total} 张照片 · 每秒 {rate} 张 · 约剩 {eta}</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="255"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="255"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="256"/>
        <source>: {found} photos · {added} new · {updated} changed · {removed} removed · {failed} could not be read</source>
        <translation>：共 {found} 张照片 · 新增 {added} · 已更改 {updated} · 已移除 {removed} · {failed} 张无法读取</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="260"/>
        <source>semantic search off</source>
        <translation>语义搜索已关闭</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="260"/>
        <source>people off</source>
        <translation>人物识别已关闭</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="266"/>
        <source>⚠ {count} problems</source>
        <translation>⚠ {count} 个问题</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="270"/>
        <source>⚠ {count} photos kept: folder offline?</source>
        <translation>⚠ 保留了 {count} 张照片：文件夹离线？</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="280"/>
        <source>The folder is empty: is a drive unplugged or a share not mounted?</source>
        <translation>文件夹是空的：是否拔出了硬盘，或网络共享未挂载？</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="281"/>
        <source>The folder is on another drive than last time.</source>
        <translation>这个文件夹所在的硬盘与上次不同。</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="282"/>
        <source>Most of its photos are gone at once.</source>
        <translation>它的大部分照片一下子都不见了。</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="284"/>
        <source>Photos kept</source>
        <translation>保留的照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="288"/>
        <source>{count} photos of {folder} were kept in the library. {reason}

If they are really gone, remove them from the library? Their faces and names are kept for 30 days in case they come back.</source>
        <translation>{folder} 中的 {count} 张照片仍保留在图库中。{reason}

如果它们确实已被删除，要从图库中移除吗？它们的人脸和名字会保留 30 天，以防照片回来。</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="300"/>
        <source>Stopping… (everything indexed so far is kept)</source>
        <translation>正在停止…（已索引的内容都会保留）</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="306"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="309"/>
        <source>Pausing…</source>
        <translation>正在暂停…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="313"/>
        <source>Photos that could not be read</source>
        <translation>无法读取的照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="313"/>
        <source>No problems.</source>
        <translation>没有问题。</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="322"/>
        <source>Similar to: {name}</source>
        <translation>相似于：{name}</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="356"/>
        <source>{count} photos</source>
        <translation>{count} 张照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="356"/>
        <source>1 photo</source>
        <translation>1 张照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="358"/>
        <source>semantic search is unavailable, showing photos by their filters only</source>
        <translation>语义搜索不可用，仅按筛选条件显示照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="403"/>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="404"/>
        <source>Find Similar Photos</source>
        <translation>查找相似照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="406"/>
        <source>Open in Default App</source>
        <translation>用默认程序打开</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="407"/>
        <source>Show in Folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="440"/>
        <location filename="../../album/gui/main_window.py" line="456"/>
        <source>Unnamed</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="441"/>
        <source>Faces of {name}</source>
        <translation>{name}的人脸</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="475"/>
        <source>Import a folder of photos</source>
        <translation>导入照片文件夹</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="495"/>
        <source>Settings saved; they apply when the current import ends</source>
        <translation>设置已保存，将在当前导入结束后生效</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="497"/>
        <source>Applying settings…</source>
        <translation>正在应用设置…</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="502"/>
        <source>&lt;h3&gt;album {version}&lt;/h3&gt;&lt;p&gt;A private, offline photo album: everything stays on this computer.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Models and their licences&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;{licences}&lt;/ul&gt;&lt;p&gt;&lt;b&gt;Built with&lt;/b&gt; {versions}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;album {version}&lt;/h3&gt;&lt;p&gt;私密的离线相册：所有数据都留在这台电脑上。&lt;/p&gt;&lt;p&gt;&lt;b&gt;模型及其许可&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;{licences}&lt;/ul&gt;&lt;p&gt;&lt;b&gt;使用的软件&lt;/b&gt; {versions}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="505"/>
        <source>About album</source>
        <translation>关于 album</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="517"/>
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="519"/>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <location filename="../../album/gui/main_window.py" line="520"/>
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <location filename="../../album/gui/people_view.py" line="65"/>
        <source>{name}
{count} photos</source>
        <translation>{name}
{count} 张照片</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="65"/>
        <source>Unnamed</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="88"/>
        <source>Name…</source>
        <translation>命名…</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="89"/>
        <source>Show Faces…</source>
        <translation>查看人脸…</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="91"/>
        <source>Merge {count} people</source>
        <translation>合并 {count} 个人物</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="93"/>
        <source>This is me</source>
        <translation>这是我</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="94"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="98"/>
        <source>Name this person</source>
        <translation>为此人命名</translation>
    </message>
    <message>
        <location filename="../../album/gui/people_view.py" line="98"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
</context>
<context>
    <name>PhotoGrid</name>
    <message>
        <location filename="../../album/gui/photo_grid.py" line="329"/>
        <source>Undated</source>
        <translation>无日期</translation>
    </message>
    <message>
        <location filename="../../album/gui/photo_grid.py" line="331"/>
        <source>{month} {year}</source>
        <translation>{year}年{month}</translation>
    </message>
</context>
<context>
    <name>PhotoModel</name>
    <message>
        <location filename="../../album/gui/photo_grid.py" line="169"/>
        <source>The file is not available (its folder may be offline)</source>
        <translation>文件无法打开（所在文件夹可能已离线）</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <location filename="../../album/gui/search_bar.py" line="57"/>
        <source>Person: {}</source>
        <translation>人物：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="58"/>
        <source>Date: {}</source>
        <translation>日期：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="59"/>
        <source>Place: {}</source>
        <translation>地点：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="60"/>
        <source>Camera: {}</source>
        <translation>相机：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="61"/>
        <source>Tag: {}</source>
        <translation>标签：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="62"/>
        <source>Not: {}</source>
        <translation>排除：{}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="97"/>
        <source>Similarity {:.2f}</source>
        <translation>相似度 {:.2f}</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="123"/>
        <source>A distance must be a number of km between 0 and {max_km}.</source>
        <translation>距离必须是 0 到 {max_km} 之间的公里数。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="126"/>
        <source>A latitude must be between -90 and 90.</source>
        <translation>纬度必须在 -90 到 90 之间。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="128"/>
        <source>A longitude must be between -180 and 180.</source>
        <translation>经度必须在 -180 到 180 之间。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="130"/>
        <source>Dates must be between {first} and {last}, not {year}.</source>
        <translation>日期必须在 {first} 年到 {last} 年之间，而不是 {year} 年。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="133"/>
        <source>A search can be at most {count} characters long.</source>
        <translation>搜索内容最多 {count} 个字符。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="136"/>
        <source>A person&apos;s name cannot be empty.</source>
        <translation>人名不能为空。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="138"/>
        <source>The search is not valid Unicode text.</source>
        <translation>搜索内容不是有效的 Unicode 文本。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="140"/>
        <source>A limit must be at least 1.</source>
        <translation>数量上限至少为 1。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_bar.py" line="252"/>
        <source>Search: “Anna at the beach in summer 2023”, “有小狗的照片”, or drop a photo here</source>
        <translation>搜索：“2023年夏天安娜在海边”、“有小狗的照片”，或把照片拖到这里</translation>
    </message>
</context>
<context>
    <name>SearchStates</name>
    <message>
        <location filename="../../album/gui/search_states.py" line="43"/>
        <source>There are no photos in the library yet. Drop a folder of photos here, or choose File ▸ Import Folder…</source>
        <translation>相册里还没有照片。把照片文件夹拖到这里，或选择“文件 ▸ 导入文件夹…”</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="46"/>
        <source>No photos in {place}.</source>
        <translation>没有在{place}拍的照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="48"/>
        <source>No photos from {dates}.</source>
        <translation>没有{dates}的照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="50"/>
        <source>No photos of {names}.</source>
        <translation>没有{names}的照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="52"/>
        <source>No photos match “{text}”.</source>
        <translation>没有与“{text}”相符的照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="55"/>
        <source>No photo matches all of: {filters}.</source>
        <translation>没有照片同时符合：{filters}。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="57"/>
        <source>No photos match this search.</source>
        <translation>没有符合这个搜索的照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="62"/>
        <source>Your photos are from:</source>
        <translation>你的照片拍摄于：</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="65"/>
        <source>Your photos were taken in:</source>
        <translation>你的照片拍摄年份：</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="68"/>
        <source>People in your photos:</source>
        <translation>照片中的人物：</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="70"/>
        <source>Remove a filter above (its ✕) to see more photos.</source>
        <translation>移除上方的一个筛选条件（点它的 ✕）可以看到更多照片。</translation>
    </message>
    <message>
        <location filename="../../album/gui/search_states.py" line="76"/>
        <source>Nothing looks much like “{text}”: these are the closest photos, not matches.</source>
        <translation>没有照片很像“{text}”：下面是最接近的照片，并不是匹配结果。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="60"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="67"/>
        <source>Library</source>
        <translation>相册</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="68"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="69"/>
        <source>Search &amp;&amp; people</source>
        <translation>搜索和人物</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="70"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="83"/>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="85"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="91"/>
        <source>album watches these folders and never changes them. Removing a folder takes its photos out of album; the files stay where they are.</source>
        <translation>album 会关注这些文件夹，但从不修改它们。移除文件夹只会把其中的照片从 album 中移除，文件本身保持原样。</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="113"/>
        <location filename="../../album/gui/settings_dialog.py" line="115"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="117"/>
        <source>Open Models Folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="119"/>
        <source>Download missing models when they are first needed</source>
        <translation>首次需要时自动下载缺少的模型</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="130"/>
        <source>Semantic search:</source>
        <translation>语义搜索：</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="132"/>
        <source>Faces:</source>
        <translation>人脸：</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="145"/>
        <source>Higher: fewer automatic tags, more of them right.</source>
        <translation>越高：自动标签越少，但越准确。</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="147"/>
        <source>the face model&apos;s own</source>
        <translation>使用人脸模型的默认值</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="149"/>
        <source>Lower: people are split more readily; higher: merged more readily.</source>
        <translation>越低：越容易把同一人分开；越高：越容易把不同人合并。</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="151"/>
        <source>Automatic tags from probability:</source>
        <translation>自动标签的最低概率：</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="152"/>
        <source>Same person up to face distance:</source>
        <translation>同一人的最大人脸距离：</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="153"/>
        <source>Changes apply to photos indexed from now on; faces are regrouped after the next import.</source>
        <translation>更改将用于之后索引的照片；人脸会在下次导入后重新分组。</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="166"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="167"/>
        <source>The new language shows the next time album starts.</source>
        <translation>新的语言将在下次启动 album 时生效。</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="199"/>
        <source>installed, but it failed: {failure}</source>
        <translation>已安装，但运行失败：{failure}</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="201"/>
        <source>installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="201"/>
        <source>not downloaded yet</source>
        <translation>尚未下载</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="203"/>
        <source>{name}{state} — {note}
Folder: {folder}
Licence: {licence}</source>
        <translation>{name}{state} — {note}
文件夹：{folder}
许可：{licence}</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="238"/>
        <source>Download failed: {error}</source>
        <translation>下载失败：{error}</translation>
    </message>
    <message>
        <location filename="../../album/gui/settings_dialog.py" line="247"/>
        <source>Add a folder of photos</source>
        <translation>添加照片文件夹</translation>
    </message>
</context>
<context>
    <name>Viewer</name>
    <message>
        <location filename="../../album/gui/viewer.py" line="90"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="91"/>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="50"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="92"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="93"/>
        <source>Coordinates</source>
        <translation>坐标</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="94"/>
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="95"/>
        <source>Lens</source>
        <translation>镜头</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="96"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="97"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="98"/>
        <source>Why</source>
        <translation>匹配原因</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="123"/>
        <source>Who is this?</source>
        <translation>这是谁？</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="124"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="216"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="258"/>
        <source>The file is not available: {folder} may be offline. This is the thumbnail album keeps of it.</source>
        <translation>文件无法打开：{folder} 可能已离线。这里显示的是 album 保存的缩略图。</translation>
    </message>
    <message>
        <location filename="../../album/gui/viewer.py" line="263"/>
        <source>This photo cannot be shown.</source>
        <translation>无法显示这张照片。</translation>
    </message>
</context>
</TS>
