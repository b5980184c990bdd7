// Switches that make the emulated Optiply answer the way real servers were seen to lie (issue 10): a create
// that lands and still answers 500. Tests set them; the endpoints read them. Off by default.
namespace OdooOptiply.Emulators.Optiply;

public sealed class OptiplyLies
{
    private int _landedCreates500;

    /// <summary>The next <paramref name="count"/> creates are stored, then answered 500 Internal Server Error.</summary>
    public void AnswerLandedCreatesWith500(int count) => Interlocked.Exchange(ref _landedCreates500, count);

    internal bool TakeLandedCreate500()
    {
        while (true)
        {
            var left = Volatile.Read(ref _landedCreates500);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _landedCreates500, left - 1, left) == left) return true;
        }
    }
}
