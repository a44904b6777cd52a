namespace Compiled.Batches;

/// <summary>A buffer that can be emptied without knowing its row type.</summary>
internal interface IClearable
{
    void Clear();
}
