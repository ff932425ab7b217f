namespace PromptGen;

/// <summary>Generated text with the sources it cites (<c>CitationsContentBlock</c>).</summary>
public sealed class CitationsContentBlock
{
    /// <summary>The generated content.</summary>
    public IList<CitationGeneratedContent>? Content { get; set; }

    /// <summary>The citations of the content.</summary>
    public IList<Citation>? Citations { get; set; }
}

/// <summary>A piece of generated, cited content (<c>CitationGeneratedContent</c>). Exactly one member is set.</summary>
public sealed class CitationGeneratedContent
{
    /// <summary>Text.</summary>
    public string? Text { get; set; }
}

/// <summary>One citation (<c>Citation</c>).</summary>
public sealed class Citation
{
    /// <summary>The title of the cited source.</summary>
    public string? Title { get; set; }

    /// <summary>The cited source.</summary>
    public string? Source { get; set; }

    /// <summary>The cited passages.</summary>
    public IList<CitationSourceContent>? SourceContent { get; set; }

    /// <summary>Where in the source the passages are.</summary>
    public CitationLocation? Location { get; set; }
}

/// <summary>A cited passage (<c>CitationSourceContent</c>). Exactly one member is set.</summary>
public sealed class CitationSourceContent
{
    /// <summary>Text.</summary>
    public string? Text { get; set; }
}

/// <summary>Where a cited passage is (<c>CitationLocation</c>). Exactly one member is set.</summary>
public sealed class CitationLocation
{
    /// <summary>A web page.</summary>
    public WebLocation? Web { get; set; }

    /// <summary>A character range of a document.</summary>
    public DocumentCharLocation? DocumentChar { get; set; }

    /// <summary>A page range of a document.</summary>
    public DocumentPageLocation? DocumentPage { get; set; }

    /// <summary>A chunk range of a document.</summary>
    public DocumentChunkLocation? DocumentChunk { get; set; }

    /// <summary>A range of a search result.</summary>
    public SearchResultLocation? SearchResultLocation { get; set; }
}

/// <summary>A web page (<c>WebLocation</c>).</summary>
public sealed class WebLocation
{
    /// <summary>The page's URL.</summary>
    public string? Url { get; set; }

    /// <summary>The page's domain.</summary>
    public string? Domain { get; set; }
}

/// <summary>A character range of a document (<c>DocumentCharLocation</c>).</summary>
public sealed class DocumentCharLocation
{
    /// <summary>The index of the document in the request.</summary>
    public int? DocumentIndex { get; set; }

    /// <summary>The first character.</summary>
    public int? Start { get; set; }

    /// <summary>The character after the last.</summary>
    public int? End { get; set; }
}

/// <summary>A page range of a document (<c>DocumentPageLocation</c>).</summary>
public sealed class DocumentPageLocation
{
    /// <summary>The index of the document in the request.</summary>
    public int? DocumentIndex { get; set; }

    /// <summary>The first page.</summary>
    public int? Start { get; set; }

    /// <summary>The page after the last.</summary>
    public int? End { get; set; }
}

/// <summary>A chunk range of a document (<c>DocumentChunkLocation</c>).</summary>
public sealed class DocumentChunkLocation
{
    /// <summary>The index of the document in the request.</summary>
    public int? DocumentIndex { get; set; }

    /// <summary>The first chunk.</summary>
    public int? Start { get; set; }

    /// <summary>The chunk after the last.</summary>
    public int? End { get; set; }
}

/// <summary>A range of the content blocks of a search result (<c>SearchResultLocation</c>).</summary>
public sealed class SearchResultLocation
{
    /// <summary>The index of the search result in the request.</summary>
    public int? SearchResultIndex { get; set; }

    /// <summary>The first content block.</summary>
    public int? Start { get; set; }

    /// <summary>The content block after the last.</summary>
    public int? End { get; set; }
}

/// <summary>A piece of a citation, streamed (<c>CitationsDelta</c>).</summary>
public sealed class CitationsDelta
{
    /// <summary>The title of the cited source.</summary>
    public string? Title { get; set; }

    /// <summary>The cited source.</summary>
    public string? Source { get; set; }

    /// <summary>The cited passages.</summary>
    public IList<CitationSourceContentDelta>? SourceContent { get; set; }

    /// <summary>Where in the source the passages are.</summary>
    public CitationLocation? Location { get; set; }
}

/// <summary>A cited passage, streamed (<c>CitationSourceContentDelta</c>).</summary>
public sealed class CitationSourceContentDelta
{
    /// <summary>Text.</summary>
    public string? Text { get; set; }
}

/// <summary>A search result the model may cite (<c>SearchResultBlock</c>).</summary>
public sealed class SearchResultBlock
{
    /// <summary>The result's source, for example a URL.</summary>
    public string Source { get; set; } = "";

    /// <summary>The result's title.</summary>
    public string Title { get; set; } = "";

    /// <summary>The result's content.</summary>
    public IList<SearchResultContentBlock> Content { get; set; } = new List<SearchResultContentBlock>();

    /// <summary>Whether the model cites the result.</summary>
    public CitationsConfig? Citations { get; set; }
}

/// <summary>A block of a search result (<c>SearchResultContentBlock</c>).</summary>
public sealed class SearchResultContentBlock
{
    /// <summary>Text.</summary>
    public string Text { get; set; } = "";
}
